import KioskCore

extension S {
    // Unlock (the operator's screen)
    static let unlockTitle = t("Mở khoá trạm", "Unlock the station")
    static let unlockSetTitle = t("Đặt mật khẩu của trạm", "Set the station passphrase")
    static let unlockOperatorOnly = t("Màn hình dành cho cán bộ phụ trách trạm, không dành cho người dân.",
                                      "For the station's operator, not for citizens.")
    static let unlockExplain = t("Thông tin của người dân lưu tại trạm được mã hoá. Nhập mật khẩu của trạm để bắt đầu ngày làm việc.",
                                 "The citizens' information kept at this station is encrypted. Type the station passphrase to start the day.")
    static let unlockSetExplain = t("Lần khởi động đầu tiên: đặt mật khẩu của trạm (ít nhất 8 ký tự) và nhập lại lần nữa. Nếu mất mật khẩu thì hồ sơ đang làm dở và bản lưu tại trạm không đọc lại được nữa; hãy cất mật khẩu ở nơi an toàn.",
                                    "First start: set the station passphrase (at least 8 characters) and type it again. If the passphrase is lost, the drafts and the copies kept at this station can no longer be read; keep it somewhere safe.")
    static let unlockLabel = t("Mật khẩu của trạm", "Station passphrase")
    static let unlockConfirmLabel = t("Nhập lại mật khẩu", "The passphrase again")
    static let unlockButton = t("Mở khoá", "Unlock")
    static let unlockSetButton = t("Đặt mật khẩu", "Set the passphrase")
    static let unlockEmpty = t("Hãy nhập mật khẩu của trạm.", "Type the station passphrase.")
    static let unlockTooShort = t("Mật khẩu cần ít nhất 8 ký tự.", "The passphrase needs at least 8 characters.")
    static let unlockDiffer = t("Hai lần nhập mật khẩu không giống nhau. Hãy nhập lại cả hai.", "The two passphrases differ. Type both again.")
}
