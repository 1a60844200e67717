{{! Tiêu đề các cột của Phụ lục I và II, mỗi đoạn một ô, theo thứ tự: Số TT, Nội dung, ngày trước,
    ngày này, tăng/giảm, rồi Số liệu, Tỷ lệ của từng ngày }}
Số TT

Nội dung

Thống kê trên Cổng Dịch vụ công quốc gia ngày {{snapshots.prev.day | pad2}}/{{snapshots.prev.date | mm_yyyy}}

Thống kê trên Cổng Dịch vụ công quốc gia ngày {{snapshots.now.day | pad2}}/{{snapshots.now.date | mm_yyyy}}

Tăng (+)/Giảm (-) so với ngày {{snapshots.prev.day | pad2}}/{{snapshots.prev.date | mm_yyyy}}

Số liệu

Tỷ lệ (%)

Số liệu

Tỷ lệ (%)
