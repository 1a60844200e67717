{{! Phụ lục bảng điểm của báo cáo: mỗi đoạn (cách nhau một dòng trống) là một dòng chữ
    hoặc một ô, theo thứ tự: tên phụ lục, tiêu đề, dòng "Kèm theo", sáu tiêu đề cột
    (Số TT, tên đơn vị, nhóm các chỉ số, tổng điểm đạt được, tổng điểm quy đổi, xếp
    loại hoặc xếp hạng), ô của đơn vị không được chấm điểm, dòng chữ trải qua các ô điểm
    của đơn vị không gửi kết quả, ô xếp loại của đơn vị không gửi kết quả hoặc không
    đánh giá, nhãn của ghi chú cuối bảng.
    Chương trình quyết định cỡ chữ, đậm, nghiêng; ở đây chỉ là lời văn. }}
Phụ lục

KẾT QUẢ ĐÁNH GIÁ, {{#has_ratings}}XẾP LOẠI{{/has_ratings}}{{^has_ratings}}XẾP HẠNG{{/has_ratings}} CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP TRONG GIẢI QUYẾT TTHC, DVC THEO THỜI GIAN THỰC TRÊN MÔI TRƯỜNG ĐIỆN TỬ {{agency.locality | upper}} {{period.text | upper}}

(Kèm theo {{#document.type}}Báo cáo{{/document.type}}{{^document.type}}Công văn{{/document.type}} số {{citation.code}} {{citation.date}} của {{agency.name}})

STT

TÊN ĐƠN VỊ

ĐIỂM CÁC CHỈ SỐ

TỔNG ĐIỂM ĐẠT ĐƯỢC

TỔNG ĐIỂM QUY ĐỔI

{{#has_ratings}}XẾP LOẠI{{/has_ratings}}{{^has_ratings}}XẾP HẠNG{{/has_ratings}}

Không chấm điểm

Không gửi kết quả chấm điểm đánh giá

Không xếp loại

Lưu ý:
