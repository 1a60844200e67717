# 3. Yêu cầu, đề xuất

{{#fell.count}}
- Lãnh đạo {{fell.names | join}} cần quyết liệt hơn nữa trong việc chỉ đạo công chức tại
Bộ phận Một cửa và công chức trực tiếp giải quyết hồ sơ TTHC khắc phục ngay việc giảm
điểm các chỉ số {{#declined.names}}“{{.}}”{{^@last}}, {{/@last}}{{/declined.names}}.
{{/fell.count}}
- Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND cấp xã tiếp tục quan tâm chỉ đạo triển
khai các nhiệm vụ công tác kiểm soát TTHC, khắc phục những tồn tại, hạn chế đã nêu, nâng
cao chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, dịch vụ công trên môi
trường điện tử.
