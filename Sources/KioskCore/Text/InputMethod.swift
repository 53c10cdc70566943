/// Keyboard input methods for Vietnamese.
public enum InputMethodKind: String, Sendable, CaseIterable {
    case telex, vni, off
}

/// Where the tone goes on open oa, oe, uy: old hòa, thùy, khỏe; modern hoà, thuỳ, khoẻ.
public enum ToneStyle: String, Sendable, CaseIterable {
    case old, modern
}

/// Composes Vietnamese from plain keys, word by word. The output for a word is a pure function
/// of the raw keys typed for that word: the composer keeps those keys and recomputes the word
/// on each key.
public struct VietnameseComposer: Sendable {
    public var method: InputMethodKind {
        didSet { if method != oldValue { reset() } }
    }
    public var style: ToneStyle {
        didSet { if style != oldValue { reset() } }
    }

    /// Raw keys of the current word.
    private var keys: [UInt8] = []
    /// What the composer last put on screen for the current word.
    private var shown: [Character] = []
    /// Set when a backspace left text that no key sequence reproduces; then keys are appended verbatim.
    private var locked = false

    public init(method: InputMethodKind, style: ToneStyle) {
        self.method = method
        self.style = style
    }

    /// The composed form of one word typed as these raw keys (no spaces in it).
    public static func composeWord(_ keys: String, method: InputMethodKind, style: ToneStyle) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keys.utf8.count)
        for b in keys.utf8 {
            guard VNSpell.isWordKey(b, method: method) else {
                return compose(keys, method: method, style: style)
            }
            bytes.append(b)
        }
        return VNSpell.composeWord(bytes, method: method, style: style)
    }

    /// Compose a whole line typed key by key. Words are runs of ASCII letters (and digits for VNI);
    /// everything else ends the word and is kept as it is.
    public static func compose(_ keys: String, method: InputMethodKind, style: ToneStyle) -> String {
        if method == .off { return VietnameseText.normalize(keys) }
        var out = ""
        var word: [UInt8] = []
        for ch in keys {
            if let b = Self.asciiByte(ch), VNSpell.isWordKey(b, method: method) {
                word.append(b)
                continue
            }
            if !word.isEmpty {
                out += VNSpell.composeWord(word, method: method, style: style)
                word.removeAll(keepingCapacity: true)
            }
            out.append(ch)
        }
        if !word.isEmpty { out += VNSpell.composeWord(word, method: method, style: style) }
        return VietnameseText.normalize(out)
    }

    /// Feed one typed character; returns how many characters (grapheme clusters) before the
    /// cursor to delete and what to insert.
    public mutating func type(_ key: Character) -> (deleteBefore: Int, insert: String) {
        guard method != .off, let b = Self.asciiByte(key) else {
            // Already composed or not ours: insert as-is and stop tracking the word.
            reset()
            return (0, VietnameseText.normalize(String(key)))
        }
        guard VNSpell.isWordKey(b, method: method) else {
            reset()
            return (0, String(key))
        }
        if locked {
            shown.append(key)
            return (0, String(key))
        }
        keys.append(b)
        let new = Array(VNSpell.composeWord(keys, method: method, style: style))
        return replaceShown(with: new)
    }

    /// Backspace: deletes the last composed character and re-derives the raw keys for what is left,
    /// so composing can go on ("việt" → "viê"; a tone whose syllable is no longer complete is dropped).
    public mutating func backspace() -> (deleteBefore: Int, insert: String) {
        if shown.isEmpty {
            reset()
            return (1, "")
        }
        var target = shown
        target.removeLast()
        if target.isEmpty {
            reset()
            return (1, "")
        }
        if locked {
            shown = target
            return (1, "")
        }
        // 1. Rebuild keys from the remaining letters.
        if let (letters, tone0) = VNSpell.letters(from: target) {
            var tone = tone0
            if tone != 0 && VNSpell.parse(letters, tone: tone, complete: true) == nil { tone = 0 }
            let k = VNSpell.canonicalKeys(letters, tone: tone, method: method)
            let out = Array(VNSpell.composeWord(k, method: method, style: style))
            if let (l2, t2) = VNSpell.letters(from: out), t2 == tone, l2.count == letters.count,
               zip(l2, letters).allSatisfy({ $0.sameGlyph($1) }) {
                keys = k
                return replaceShown(with: out)
            }
        }
        // 2. Drop the last raw key if that gives exactly the remaining text.
        if !keys.isEmpty {
            let k = Array(keys.dropLast())
            let out = Array(VNSpell.composeWord(k, method: method, style: style))
            if out == target {
                keys = k
                return replaceShown(with: out)
            }
        }
        // 3. Keep the text as it is; further keys are appended verbatim.
        keys.removeAll()
        locked = true
        return replaceShown(with: target)
    }

    /// Forget the current word (cursor moved, field changed).
    public mutating func reset() {
        keys.removeAll()
        shown.removeAll()
        locked = false
    }

    /// The current word as shown (for tests and callers that mirror it).
    public var currentWord: String { String(shown) }

    private mutating func replaceShown(with new: [Character]) -> (deleteBefore: Int, insert: String) {
        var p = 0
        while p < shown.count && p < new.count && shown[p] == new[p] { p += 1 }
        let edit = (deleteBefore: shown.count - p, insert: String(new[p...]))
        shown = new
        return edit
    }

    private static func asciiByte(_ ch: Character) -> UInt8? {
        let us = ch.unicodeScalars
        guard us.count == 1, let v = us.first?.value, v < 0x80 else { return nil }
        return UInt8(v)
    }
}
