{{! Báo cáo tháng của huyện/thị xã/thành phố (mẫu các báo cáo 000, 002, 003).
    Mỗi phần là một tệp riêng: đặt tệp cùng tên cạnh report.json để thay
    phần đó cho một báo cáo; các tệp bo-sung-*.tpl để trống, dùng để thêm
    đoạn văn riêng (ví dụ ý kiến chỉ đạo của Chủ tịch). }}
{{> can-cu}}

{{> ket-qua}}

{{> bo-sung-ket-qua}}

{{> danh-gia}}

{{> bo-sung-danh-gia}}

{{> yeu-cau}}

{{> bo-sung-yeu-cau}}

{{> ket-thuc}}
