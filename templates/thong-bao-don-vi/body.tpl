{{! Thông báo của UBND huyện gửi từng cơ quan, đơn vị, xã về kết quả Bộ chỉ số của đơn vị (QĐ 459) }}
Thực hiện {{scheme.legal_basis}}, {{agency.name}} thông báo kết quả đánh giá chất lượng phục vụ
người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên
môi trường điện tử {{period.text}} của {{unit.long_name}} như sau:

# 1. Kết quả đánh giá

{{> ket-qua-don-vi}}

# 2. Các chỉ số chưa đạt điểm tối đa

{{#below_max}}
- {{name}}: đạt {{now | num}}/{{max | num}} điểm.
{{/below_max}}
{{^below_max}}
Tất cả các chỉ số được đánh giá của đơn vị đều đạt điểm tối đa.
{{/below_max}}

# 3. Đề nghị

Đề nghị {{unit.long_name}} rà soát các chỉ số chưa đạt điểm tối đa, xác định nguyên nhân và có
giải pháp khắc phục trong tháng tiếp theo./.
