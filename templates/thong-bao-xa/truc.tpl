{{! Một trục nội dung: "1.1. Điểm số trục nội dung … đạt 11,8/18 điểm, tăng 3,8 điểm so với tháng 01/2024." }}
1.{{@number}}. Điểm số trục nội dung {{name}} đạt **{{now | num}}/{{max | num}} điểm{{#has_prev}},
{{delta | change "điểm" "giữ nguyên điểm số" "tăng" "giảm"}} so với {{period.previous.short}}{{/has_prev}}.**
