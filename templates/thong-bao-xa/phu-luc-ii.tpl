::center **PHỤ LỤC II. THỐNG KÊ CHI TIẾT CỦA {{agency.name | upper}} {{period.date | month_year | upper}}**

{{> kem-theo}}
