{{! Để trống. Đặt tệp bo-sung-yeu-cau.tpl cạnh report.json để thêm đoạn văn riêng vào đây. }}
