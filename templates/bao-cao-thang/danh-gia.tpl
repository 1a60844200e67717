{{! 2. Đánh giá chung. Câu chung chỉ nhắc "các cơ quan, đơn vị" khi báo cáo có
    cơ quan, đơn vị (audience.agencies) và chỉ nhắc các loại đơn vị cấp xã có mặt
    (audience.local: "xã, phường"). Một câu không nêu quá style.max_names đơn vị. }}
# 2. Đánh giá chung

## 2.1. Ưu điểm

- {{> doi-tuong}} đã quan tâm triển khai thực hiện nhiệm vụ kiểm soát
TTHC, đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông và thực hiện TTHC trên
môi trường điện tử nhằm nâng cao chất lượng phục vụ người dân, doanh nghiệp.
{{#full_marks.count}}
- Các đơn vị đều đạt điểm tối đa ở {{full_marks.names | join "và"}}.
{{/full_marks.count}}
{{#top}}
{{^everyone}}
{{^too_many}}
{{#most_at_max.is_top}}
- {{grouped | upper_first}} đạt kết quả cao nhất với {{most_at_max.at_max | pad2}}/{{most_at_max.applicable | pad2}}
{{> chi-so}} đạt điểm tối đa{{#same_class}} và xếp loại {{same_class}}{{/same_class}}.
{{/most_at_max.is_top}}
{{^most_at_max.is_top}}
- {{grouped | upper_first}} đạt kết quả cao nhất ({{#several}}cùng đạt {{/several}}{{converted | fixed2}}
điểm{{#same_class}}, xếp loại {{same_class}}{{/same_class}}){{#most_at_max}}{{^too_many}}; {{grouped}}
có nhiều {{> chi-so}} đạt điểm tối đa nhất ({{at_max | pad2}}/{{applicable | pad2}} {{> chi-so}}){{/too_many}}{{/most_at_max}}.
{{/most_at_max.is_top}}
{{/too_many}}
{{/everyone}}
{{/top}}
{{#progress.all_at_max}}
- Trong {{period.text}} không để xảy ra tình trạng xử lý hồ sơ quá hạn trên
hệ thống phần mềm một cửa của tỉnh.
{{/progress.all_at_max}}

## 2.2. Tồn tại, hạn chế

{{#no_files.count}}
- Không phát sinh hồ sơ TTHC trong {{period.text}}{{^no_files.too_many}}:
{{no_files.grouped}}{{/no_files.too_many}}{{#no_files.too_many}} tại {{no_files.count | pad2}} đơn vị
(chi tiết tại Phụ lục){{/no_files.too_many}} (điểm các {{> chi-so}} về hồ sơ bằng 0).
{{/no_files.count}}
{{^has_shortcomings}}
- Trong {{period.text}} không có đơn vị nào có hồ sơ xử lý quá hạn{{#has_previous}}, giảm
điểm so với {{period.previous.short}}{{/has_previous}} hoặc có {{> chi-so}} chưa thực hiện, chưa đạt
50% số điểm tối đa.
{{/has_shortcomings}}
{{#progress}}
{{^all_at_max}}
- Về tiến độ, kết quả giải quyết hồ sơ TTHC còn tình trạng chậm muộn, hồ sơ xử lý quá
hạn{{^below_max.too_many}}: {{below_max.grouped}}{{/below_max.too_many}}{{#below_max.too_many}} tại
{{below_max.count | pad2}}/{{applicable.count | pad2}} đơn vị{{#below_max.except}} (trừ
{{grouped}}){{/below_max.except}}{{^below_max.except}} (chi tiết tại Phụ lục){{/below_max.except}}{{/below_max.too_many}}.
{{/all_at_max}}
{{/progress}}
{{#fell.count}}
- Tổng điểm đạt được của {{^fell.too_many}}{{fell.names | join "và"}}{{/fell.too_many}}{{#fell.too_many}}{{fell.count | pad2}}/{{fell.out_of | pad2}}
đơn vị{{/fell.too_many}}{{#fell.same_class}} tuy vẫn đạt ở mức {{fell.same_class}} nhưng
lại{{/fell.same_class}} giảm so với {{period.previous.short}}, cụ thể:
{{#declines}}
{{^fell_too_many}}
+ Điểm {{#several}}các {{/several}}{{> chi-so}} {{#names}}{{^@first}}{{#@last}} và {{/@last}}{{^@last}}, {{/@last}}{{/@first}}“{{.}}”{{/names}} của
{{#decreases}}{{unit}} giảm {{#several}}lần lượt {{/several}}{{amounts | join "và"}}
điểm{{^@last}}; {{/@last}}{{/decreases}}.
{{/fell_too_many}}
{{#fell_too_many}}
+ Điểm {{> chi-so}} “{{names.0}}” giảm ở {{fell_count | pad2}} đơn vị, giảm nhiều nhất là
{{largest_decrease.grouped}} ({{largest_decrease.amount | num}} điểm).
{{/fell_too_many}}
{{/declines}}
{{/fell.count}}
{{#groups}}
{{#shortfall}}
{{#single}}
{{#shortfalls}}
- {{> thieu-sot}}
{{/shortfalls}}
{{/single}}
{{^single}}
- {{name}}:
{{#shortfalls}}
+ {{> thieu-sot}}
{{/shortfalls}}
{{/single}}
{{/shortfall}}
{{/groups}}
