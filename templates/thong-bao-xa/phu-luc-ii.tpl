::center **PHỤ LỤC II. THỐNG KÊ CHI TIẾT CỦA {{agency.name | upper}} {{period.text | upper}}**

{{> kem-theo}}
