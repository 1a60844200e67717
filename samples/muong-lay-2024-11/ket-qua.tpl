{{! Mục 1 theo cách viết của báo cáo 1004/BC-UBND (thay tệp cùng tên trong
    templates/bao-cao-thang/ cho riêng báo cáo này). }}
# 1. Kết quả đánh giá, xếp loại

{{#sections}}
{{#single}}
- Đối với {{text_name}}{{#now}} đạt {{now.converted | num}} điểm{{#now.rating}}: xếp loại
{{now.rating | lower_first}}{{/now.rating}}{{/now}}{{^now}}: không chấm điểm trong tháng{{/now}}.
{{/single}}
{{^single}}
- Đối với {{heading}}: Thực hiện chấm điểm đánh giá {{scored | pad2}}/{{expected | pad2}}
{{unit_noun}}{{#scored}}. Trong đó {{#all_one_class}}{{count | pad2}}/{{scored | pad2}} đơn vị xếp loại
{{label | lower_first}}{{/all_one_class}}{{^all_one_class}}{{#classes}}{{count | pad2}} đơn vị
xếp loại {{label | lower_first}}{{^@last}}, {{/@last}}{{/classes}}{{/all_one_class}}{{/scored}}.
{{/single}}
{{/sections}}

::center *(Chi tiết tại Phụ lục kèm theo)*
