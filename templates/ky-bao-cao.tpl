{{! Kỳ báo cáo, hai đoạn (cách nhau một dòng trống): cách viết đầy đủ ("tháng 7 năm 2023",
    "Quý II năm 2021", "6 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024") và cách viết
    ngắn ("tháng 07/2023", "Quý II/2021"). Dữ liệu là một kỳ: kind, number, year, và mỗi loại
    kỳ một khóa (month, quarter, half: số của kỳ hoặc null; first_half, second_half,
    nine_months, whole_year: true/false). Tháng theo NĐ 30: "tháng 02", "tháng 7" (month). }}
{{#month}}tháng {{month | month}} năm {{year | int}}{{/month}}
{{#quarter}}Quý {{quarter | roman}} năm {{year | int}}{{/quarter}}
{{#first_half}}6 tháng đầu năm {{year | int}}{{/first_half}}
{{#second_half}}6 tháng cuối năm {{year | int}}{{/second_half}}
{{#nine_months}}9 tháng năm {{year | int}}{{/nine_months}}
{{#whole_year}}năm {{year | int}}{{/whole_year}}

{{#month}}tháng {{date | mm_yyyy}}{{/month}}
{{#quarter}}Quý {{quarter | roman}}/{{year | int}}{{/quarter}}
{{#first_half}}6 tháng đầu năm {{year | int}}{{/first_half}}
{{#second_half}}6 tháng cuối năm {{year | int}}{{/second_half}}
{{#nine_months}}9 tháng năm {{year | int}}{{/nine_months}}
{{#whole_year}}năm {{year | int}}{{/whole_year}}
