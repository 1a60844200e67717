{{! a loop with formatters and loop metadata }}
# Kết quả
{{#units}}
- {{@number}}. {{name}}: **{{score | num}}** điểm ({{date | mm_yyyy}}){{^@last}};{{/@last}}
{{/units}}
{{^empty}}Không có đơn vị.{{/empty}}
::center
{{title | upper}} — {{names | join_comma}}
