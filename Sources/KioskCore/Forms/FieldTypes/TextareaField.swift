/// `textarea`: several lines. `max_length` (1 to 100 000, default 2000);
/// otherwise a `text` (`FreeTextRules`, in TextField.swift).
enum TextareaField: FreeTextRules {
    static let maxLengths = (default: 2000, limit: 100_000)
}
