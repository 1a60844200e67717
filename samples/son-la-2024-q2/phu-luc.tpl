{{! Phụ lục của báo cáo quý: như phu-luc.tpl của bộ mẫu bao-cao-thang, với tiêu đề riêng. }}
Phụ lục

KẾT QUẢ ĐÁNH GIÁ VIỆC GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CÁC CƠ QUAN, ĐƠN VỊ {{period.text | upper}}

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
