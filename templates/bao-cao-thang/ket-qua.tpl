# 1. Kết quả đánh giá, {{#has_ratings}}xếp loại{{/has_ratings}}{{^has_ratings}}xếp hạng{{/has_ratings}}

{{#sections}}
{{#heading}}
## 1.{{@number}}. {{heading}}

{{/heading}}
{{#single}}
{{> ket-qua-mot-don-vi}}
{{/single}}
{{^single}}
{{> ket-qua-xep-loai}}
{{/single}}
{{/sections}}
::center *(Chi tiết tại Phụ lục kèm theo)*
