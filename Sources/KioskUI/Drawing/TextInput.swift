import KioskCore

/// A one-line text being edited, with its cursor (in characters).
public struct LineEdit: Sendable, Equatable {
    public var text: String
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }
}

/// Editing one line of text: the cursor keys, backspace, pasted text, and the
/// built-in Vietnamese input method.
enum TextInput {
    /// Applies a key to `line`; true when the text changed. Keys it does not
    /// handle (Tab, Enter, arrows up and down) leave it alone.
    @discardableResult
    static func edit(_ line: inout LineEdit, _ key: Key, composer: inout VietnameseComposer, ime: Bool,
                     accept: (Character) -> Bool = { _ in true }, maxLength: Int = 10_000) -> Bool {
        var chars = Array(line.text)
        var cursor = min(line.cursor, chars.count)
        let before = line.text
        func apply(_ edit: (deleteBefore: Int, insert: String)) {
            let n = min(edit.deleteBefore, cursor)
            chars.removeSubrange((cursor - n)..<cursor)
            cursor -= n
            let ins = Array(edit.insert).filter(accept)
            let room = max(0, maxLength - chars.count)
            // Refused characters (a full field, a digit-only field) must not
            // stay in the input method's idea of the word.
            if ins.count > room || ins.count < edit.insert.count { composer.reset() }
            chars.insert(contentsOf: ins.prefix(room), at: cursor)
            cursor += min(ins.count, room)
        }
        switch key {
        case .text(let t):
            if ime, t.count == 1, let c = t.first, c.isASCII, cursor == chars.count || !chars[cursor].isLetter {
                apply(composer.type(c))
            } else {
                // Pasted, or composed by the system's own input method: taken
                // as it is, cleaned of control characters, NFC.
                composer.reset()
                apply((0, VietnameseText.clean(t)))
            }
        case .backspace:
            if ime {
                apply(composer.backspace())
            } else if cursor > 0 {
                chars.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            composer.reset()
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left:
            composer.reset()
            cursor = max(0, cursor - 1)
        case .right:
            composer.reset()
            cursor = min(chars.count, cursor + 1)
        case .home, .control("a"):
            composer.reset()
            cursor = 0
        case .end, .control("e"):
            composer.reset()
            cursor = chars.count
        case .control("u"):
            composer.reset()
            chars.removeAll()
            cursor = 0
        default:
            return false
        }
        line.text = VietnameseText.normalize(String(chars))
        line.cursor = min(cursor, line.text.count)
        return line.text != before
    }

    /// Typing into a dossier code (upper case, no spaces) or a verification
    /// (an id number or phone), the two inputs of the lookup and prior screens.
    static func editCodeOrVerification(_ s: AppState, _ code: inout LineEdit, _ verification: inout LineEdit, focus: Int, _ key: Key) {
        var noIME = s.composer
        if focus == 0 {
            _ = edit(&code, key, composer: &noIME, ime: false, accept: { $0.isASCII && !$0.isWhitespace }, maxLength: 40)
            code.text = code.text.uppercased()
        } else if focus == 1 {
            _ = edit(&verification, key, composer: &noIME, ime: false,
                               accept: { $0.isASCII && ($0.isNumber || $0 == "+" || $0 == " " || $0 == ".") }, maxLength: 16)
        }
    }
}
