# 3. Yêu cầu, đề xuất

{{#fell.count}}
- Lãnh đạo {{^fell.too_many}}{{fell.names | join "và"}}{{/fell.too_many}}{{#fell.too_many}}các đơn vị có tổng điểm giảm{{/fell.too_many}}
cần quyết liệt hơn nữa trong việc chỉ đạo công chức tại Bộ phận Một cửa và công chức trực tiếp
giải quyết hồ sơ TTHC khắc phục ngay việc giảm điểm các {{> chi-so}}
{{#declined.names}}“{{.}}”{{^@last}}, {{/@last}}{{/declined.names}}.
{{/fell.count}}
- {{#audience.agencies}}Thủ trưởng các cơ quan, đơn vị{{#audience.local}}, {{/audience.local}}{{/audience.agencies}}{{#audience.local}}Chủ tịch
UBND các {{audience.local}}{{/audience.local}} tiếp tục quan tâm chỉ đạo triển khai các nhiệm vụ công tác kiểm
soát TTHC, {{#has_shortcomings}}khắc phục những tồn tại, hạn chế đã nêu, {{/has_shortcomings}}nâng cao chất lượng phục vụ người dân, doanh
nghiệp trong thực hiện TTHC, dịch vụ công trên môi trường điện tử.
