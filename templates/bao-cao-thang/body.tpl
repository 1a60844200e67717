{{! Thân báo cáo tháng (tạm thời) }}
{{#scheme.legal_basis}}Thực hiện {{scheme.legal_basis}}.{{/scheme.legal_basis}}

::center *(Chi tiết tại Phụ lục kèm theo)*
