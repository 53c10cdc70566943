import KioskCore
import KioskUI

/// A card scanner that types like a keyboard (issue 17), told apart from a
/// person by what the terminal really knows: its keys come far faster than
/// a person types (each within `gapMilliseconds` of the read before, or
/// already waiting together), in a card's shape (12 digits, `|`, at least
/// `minimumLength` characters) and end in Enter. Such a burst becomes one
/// `.scan` with its bytes in a `ScanPayload`, never typed text, so no
/// input method touches it and the scanner's Enter is its own. Anything
/// else (a person typing, a paste, a parcel's barcode) is keys as before.
///
/// While the keys read so far could still begin a card's code (up to 12
/// digits, or 12 digits, `|` and more), `Terminal.readEvents` waits up to
/// `gapMilliseconds` for the next one, so a code that spans several reads
/// is seen whole; digits a person types are held that long at most, other
/// keys not at all.
enum KeyBurst {
    /// The longest wait between two keys of one burst. Scanners in
    /// keyboard mode send a key every few milliseconds (the README asks for
    /// the shortest inter-character delay); a person, even a fast one,
    /// leaves 80 ms or more between most keys, and 20 keys in a row each
    /// under 40 ms is beyond anyone.
    static let gapMilliseconds = 40
    /// A card's code is far longer (id, name, dates, address).
    static let minimumLength = 20
    /// Longer than any card's code: a burst that goes on is not one.
    static let maximumLength = 1024

    static func isEnter(_ v: UInt32) -> Bool { v == 13 || v == 10 }

    /// The characters read, while nothing but characters came.
    static func characters(_ inputs: [RawInput]) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(inputs.count)
        for i in inputs {
            guard case .character(let v) = i else { return nil }
            out.append(v)
        }
        return out
    }

    /// Whether to wait a moment for more keys: what came could still be a
    /// card's code, and its Enter has not come yet.
    static func mayContinue(_ inputs: [RawInput]) -> Bool {
        guard inputs.count < maximumLength, let values = characters(inputs), !values.contains(where: isEnter) else { return false }
        return CitizenCard.couldStartCard(values)
    }

    /// Splits a read: a card's code at its start (then its Enter), as a
    /// payload, and what came after it; or nil and all of it as keys. The
    /// characters taken are overwritten in `inputs`.
    static func take(_ inputs: inout [RawInput]) -> (payload: ScanPayload, rest: [RawInput])? {
        guard let values = characters(inputs), let enter = values.firstIndex(where: isEnter), enter >= minimumLength,
              enter <= maximumLength, CitizenCard.couldStartCard(Array(values[..<enter])), values[12] == UInt32(UInt8(ascii: "|")) else { return nil }
        let payload = ScanPayload(capacity: enter * 2)
        for v in values[..<enter] {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for b in String(scalar).utf8 { payload.append(b) }
        }
        let rest = Array(inputs[(enter + 1)...])
        // The card's characters are not left in the read (best effort: the
        // terminal's own buffers are out of reach).
        for i in 0...enter { inputs[i] = .character(0) }
        return (payload, rest)
    }
}
