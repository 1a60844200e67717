{{! Một mục nhiều đơn vị: số đơn vị được chấm và danh sách theo xếp loại
    (bộ chỉ số không xếp loại: các đơn vị cao nhất và thấp nhất, kể cả
    các đơn vị bằng điểm nhau). Một câu không nêu quá style.max_names đơn vị:
    nhiều hơn thì chỉ nêu số đơn vị và dẫn Phụ lục. Đơn vị không gửi kết quả và đơn vị
    không đánh giá (kèm lý do) được tính vào tổng số và nêu tên riêng. }}
{{#all_one_class}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}, trong đó
{{all_one_class.count | pad2}}/{{scored | pad2}} đơn vị xếp loại {{all_one_class.label}}.
{{/all_one_class}}
{{^all_one_class}}
{{#has_ratings}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}{{#scored}}, trong đó:{{/scored}}{{^scored}}.{{/scored}}
{{#classes}}
- {{count | pad2}} đơn vị xếp loại {{label}}{{^too_many}}: {{grouped}}{{/too_many}}{{#too_many}} (chi tiết tại Phụ lục){{/too_many}}.
{{/classes}}
{{/has_ratings}}
{{^has_ratings}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}{{#best_units}}{{^too_many}};
cao nhất là {{grouped}} ({{#several}}cùng đạt {{/several}}{{converted | fixed2}} điểm){{/too_many}}{{/best_units}}{{#worst_units}}{{^too_many}},
thấp nhất là {{grouped}} ({{#several}}cùng đạt {{/several}}{{converted | fixed2}} điểm){{/too_many}}{{/worst_units}}.
{{/has_ratings}}
{{/all_one_class}}
{{#not_reported.count}}
- {{not_reported.count | pad2}} đơn vị không gửi kết quả chấm điểm{{^not_reported.too_many}}: {{not_reported.grouped}}{{/not_reported.too_many}}{{#not_reported.too_many}} (chi tiết tại Phụ lục){{/not_reported.too_many}}.
{{/not_reported.count}}
{{#not_assessed}}
- Không đánh giá {{^too_many}}{{grouped}}{{/too_many}}{{#too_many}}{{count | pad2}} đơn vị{{/too_many}} do {{reason}}.
{{/not_assessed}}
{{#not_scored.count}}
- {{not_scored.count | pad2}} đơn vị không chấm điểm{{^not_scored.too_many}}: {{not_scored.grouped}}{{/not_scored.too_many}}{{#not_scored.too_many}} (chi tiết tại Phụ lục){{/not_scored.too_many}}.
{{/not_scored.count}}

