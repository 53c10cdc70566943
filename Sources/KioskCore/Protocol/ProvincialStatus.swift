/// The status of a dossier at the provincial system (`TrangThaiHoSo`, as the
/// national portal numbers them; docs/protocol.md): the one list of their
/// names, for the kiosk's screens and `kiosk lookup`.
public enum ProvincialStatus {
    public static let names: [Int: LocalizedText] = [
        1: LocalizedText(vi: "Mới đăng ký", en: "Newly registered"),
        2: LocalizedText(vi: "Được tiếp nhận", en: "Received"),
        3: LocalizedText(vi: "Không được tiếp nhận", en: "Not received"),
        4: LocalizedText(vi: "Đang xử lý", en: "Being processed"),
        5: LocalizedText(vi: "Yêu cầu bổ sung giấy tờ", en: "More documents requested"),
        6: LocalizedText(vi: "Yêu cầu thực hiện nghĩa vụ tài chính", en: "Payment requested"),
        7: LocalizedText(vi: "Công dân yêu cầu rút hồ sơ", en: "Withdrawn by the citizen"),
        8: LocalizedText(vi: "Dừng xử lý", en: "Processing stopped"),
        9: LocalizedText(vi: "Đã xử lý xong", en: "Processed"),
        10: LocalizedText(vi: "Đã trả kết quả", en: "Result delivered"),
    ]

    /// The status's name, or its number when the code is not one of the ten.
    public static func name(_ code: Int) -> LocalizedText {
        names[code] ?? LocalizedText(vi: String(code), en: String(code))
    }
}
