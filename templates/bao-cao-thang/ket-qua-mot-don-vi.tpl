{{! Một mục chỉ có một đơn vị: một câu về đơn vị đó. }}
{{#now}}
{{text_name | upper_first}} đạt {{now.converted | fixed2}} điểm{{#now.rating}}: xếp loại {{now.rating}}{{/now.rating}}.
{{/now}}
{{^now}}
{{#not_reported}}
{{text_name | upper_first}} không gửi kết quả chấm điểm.
{{/not_reported}}
{{#not_assessed}}
Không đánh giá {{text_name}} do {{not_assessed}}.
{{/not_assessed}}
{{^not_reported}}{{^not_assessed}}
{{text_name | upper_first}} không chấm điểm trong {{period.text}}.
{{/not_assessed}}{{/not_reported}}
{{/now}}

