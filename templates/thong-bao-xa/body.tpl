{{! Thông báo kết quả Bộ chỉ số QĐ 766 của một xã (mẫu: công văn của UBND xã Bình Thành, tháng 02/2024) }}
Thực hiện {{scheme.legal_basis}}. {{agency.name}} thông báo kết quả đánh giá chất lượng phục vụ
người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên
môi trường điện tử {{agency.locality}} {{period.text}}, như sau:

# 1. Điểm số các trục nội dung Bộ chỉ số trên Cổng DVCQG

{{#indicators}}
{{> truc}}

{{/indicators}}
{{> tong-diem}}

# 2. Tổng hợp chi tiết số liệu của {{agency.locality}}

::center *(Chi tiết tại địa chỉ https://dichvucong.gov.vn/p/home/dvc-index-tinhthanhpho-tonghop.html và Phụ lục kèm theo)*

# 3. Chủ tịch UBND xã yêu cầu

Đối với các chỉ số, số lượng, tỷ lệ giảm được thể hiện chi tiết tại Phụ lục I và Phụ lục II, các bộ
phận chuyên môn thuộc UBND xã phân tích, đánh giá và có biện pháp khắc phục kịp thời.

Trên đây là thông báo thống kê số liệu {{scheme.title}} của {{agency.locality}}
{{period.text}} trên Cổng Dịch vụ công quốc gia. {{agency.name}} yêu cầu các bộ phận chuyên
môn thuộc UBND xã và Bộ phận Tiếp nhận và trả kết quả xã có giải pháp khắc phục {{#score.has_prev}}những nội dung giảm
điểm so với {{period.previous.short}}{{/score.has_prev}}{{^score.has_prev}}những chỉ số chưa đạt
điểm tối đa{{/score.has_prev}}; Văn phòng - thống kê xã thông báo công khai đến các cơ
quan, đơn vị, nhân dân được biết./.
