# 2. Đánh giá chung

## 2.1. Ưu điểm

- Các cơ quan, đơn vị, UBND cấp xã đã quan tâm triển khai thực hiện nhiệm vụ kiểm soát
TTHC, đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông và thực hiện TTHC trên
môi trường điện tử nhằm nâng cao chất lượng phục vụ người dân, doanh nghiệp.
{{#full_marks.count}}
- Các đơn vị đều đạt điểm tối đa ở {{full_marks.names | join}}.
{{/full_marks.count}}
{{#best}}
- {{best.text_name}} đạt kết quả cao nhất với {{best.at_max | pad2}}/{{best.applicable | pad2}}
chỉ số đạt điểm tối đa{{#best.now.rating}} và xếp loại {{best.now.rating | lower_first}}{{/best.now.rating}}.
{{/best}}
{{#progress.all_at_max}}
- Trong {{period.date | month_year}} không để xảy ra tình trạng xử lý hồ sơ quá hạn trên
hệ thống phần mềm một cửa của tỉnh.
{{/progress.all_at_max}}

## 2.2. Tồn tại, hạn chế

{{#progress}}
{{^all_at_max}}
- Về tiến độ, kết quả giải quyết hồ sơ TTHC còn tình trạng chậm muộn, hồ sơ xử lý quá hạn:
{{below_max.grouped}}.
{{/all_at_max}}
{{/progress}}
{{#fell.count}}
- Tổng điểm đạt được của {{fell.names | join}}{{#fell.same_class}} tuy vẫn đạt ở mức
{{fell.same_class | lower_first}} nhưng lại{{/fell.same_class}} giảm so với
tháng {{period.previous | mm_yyyy}}, cụ thể:
{{#indicators}}
{{#fell_count}}
+ Điểm chỉ số “{{name}}” của {{#decreases}}{{unit}} giảm {{amount | num}}
điểm{{^@last}}; {{/@last}}{{/decreases}}.
{{/fell_count}}
{{/indicators}}
{{/fell.count}}
{{#groups}}
{{#shortfall}}
- {{name}}:
{{#indicators}}
{{#zero.count}}
+ {{name}}: {{zero.count | pad2}} đơn vị chưa thực hiện: {{zero.grouped}}.
{{/zero.count}}
{{#below_half.count}}
+ {{name}}: {{below_half.count | pad2}} đơn vị thực hiện chưa đảm bảo 50% số điểm tối đa:
{{below_half.grouped}}.
{{/below_half.count}}
{{/indicators}}
{{/shortfall}}
{{/groups}}
