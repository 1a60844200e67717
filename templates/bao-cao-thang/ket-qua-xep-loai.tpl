{{! Một mục nhiều đơn vị: số đơn vị được chấm và danh sách theo xếp loại
    (bộ chỉ số không xếp loại: đơn vị cao nhất và thấp nhất). }}
{{#all_one_class}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}, trong đó
{{all_one_class.count | pad2}}/{{scored | pad2}} đơn vị xếp loại {{all_one_class.label | lower_first}}.
{{/all_one_class}}
{{^all_one_class}}
{{#has_ratings}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}{{#scored}}, trong đó:{{/scored}}{{^scored}}.{{/scored}}
{{#classes}}
- {{count | pad2}} đơn vị xếp loại {{label}}: {{grouped}}.
{{/classes}}
{{/has_ratings}}
{{^has_ratings}}
Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}} {{unit_noun}}{{#best}}; cao
nhất là {{best.text_name}} với {{best.now.converted | num}} điểm, thấp nhất là
{{worst.text_name}} với {{worst.now.converted | num}} điểm{{/best}}.
{{/has_ratings}}
{{/all_one_class}}
{{#not_scored.count}}
- {{not_scored.count | pad2}} đơn vị không chấm điểm: {{not_scored.grouped}}.
{{/not_scored.count}}

