{{! Một mục chỉ có một đơn vị: một câu về đơn vị đó. }}
{{#now}}
{{text_name | upper_first}} đạt {{now.converted | fixed2}} điểm{{#now.rating}}: xếp loại {{now.rating}}{{/now.rating}}.
{{/now}}
{{^now}}
{{text_name | upper_first}} không chấm điểm trong tháng.
{{/now}}

