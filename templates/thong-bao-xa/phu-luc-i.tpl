::center **PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU {{period.date | month_year | upper}}**

{{> kem-theo}}
