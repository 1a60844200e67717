{{! Để trống. Đặt tệp bo-sung-danh-gia.tpl cạnh report.json để thêm đoạn văn riêng vào đây. }}
