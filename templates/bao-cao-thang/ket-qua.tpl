# 1. Kết quả đánh giá, xếp loại

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
