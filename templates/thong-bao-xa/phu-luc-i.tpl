::center **PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU {{period.text | upper}}**

{{> kem-theo}}
