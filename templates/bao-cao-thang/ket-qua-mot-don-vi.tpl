{{! Một mục chỉ có một đơn vị: một câu về đơn vị đó. }}
{{#now}}
{{text_name}} đạt {{now.converted | num}} điểm{{#now.rating}}: xếp loại {{now.rating | lower_first}}{{/now.rating}}.
{{/now}}
{{^now}}
{{text_name}} không chấm điểm trong tháng.
{{/now}}

