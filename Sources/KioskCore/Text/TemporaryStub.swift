// TEMPORARY: replaced by the real text module.
import Foundation
public enum VietnameseText {
    public static func normalize(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }
    public static func fold(_ s: String) -> String { s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).replacingOccurrences(of: "đ", with: "d") }
}
public enum InputMethodKind: String, Sendable, CaseIterable { case telex, vni, off }
public enum ToneStyle: String, Sendable, CaseIterable { case old, modern }
public struct VietnameseComposer { public static func compose(_ keys: String, method: InputMethodKind, style: ToneStyle) -> String { keys } }
