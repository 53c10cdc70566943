import Foundation
import KioskCore
import KioskStore

/// Sends a dossier's sealed documents so that a line that drops costs only
/// what had not arrived (docs/protocol.md, "Resumable document uploads"):
/// it asks the server how much of the body it holds (`documentOffset`) and
/// appends the rest in parts of `chunkSize` (`appendDocument`). A cut after
/// the server answered in this try (the line works, and dropped) is tried
/// again a bounded number of times in the same pass, after `retryDelays`;
/// a server that does not answer at all stops the pass at once, as before.
/// Later passes, and a restarted station, go on from the offset the server
/// keeps. A server that does not know these calls gets
/// the document whole (`putDocument`), as before.
///
/// One per sync engine, used from its thread only.
public final class DocumentUploader {
    /// 256 KiB: on a village link of 100–200 kbit/s a part takes 10–20 s, so
    /// a drop while sending one loses little time, and a round trip per part
    /// (0.3 s) costs under 3 %; the server keeps even a part cut in the
    /// middle, so a cut costs the bytes in flight, and one part at worst (a
    /// proxy that holds whole requests back). Parts also bound the memory a
    /// request needs at both ends.
    public static let defaultChunkSize = 256 * 1024

    let client: ProvincialClient
    public var chunkSize = DocumentUploader.defaultChunkSize
    /// Waits before each retry after a cut, within one pass (seconds); their count bounds the retries.
    public var retryDelays: [Double] = [2, 5, 15]
    /// Replaceable for tests (no real waits).
    public var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    /// The server answered the resumable calls with 404/405/501: documents go whole from then on.
    public private(set) var wholeOnly = false

    init(client: ProvincialClient) {
        self.client = client
    }

    /// Sends one document, whole or what the server lacks of it. `.success`
    /// once the server holds it (stored now or before). A refusal (413,
    /// 422) comes back as `.refused` with a sentence for the helper.
    /// `askOffset`: ask what the server holds before sending, even for a
    /// small document (an earlier pass was cut: it goes on from there).
    public func upload(_ document: SealedDocument, sealedTo keyID: String?, askOffset: Bool = false) -> Result<Void, SyncError> {
        let bodySHA256 = Crypto.sha256(document.body)
        var retries = 0
        var sentAgainFromStart = false
        while true {
            // A small document goes in one request at first, without asking
            // (as the whole PUT did); after a cut, or for a large one, ask.
            let ask = askOffset || retries > 0 || document.body.count > chunkSize
            var answered = false
            let result = attempt(document, bodySHA256: bodySHA256, keyID: keyID, ask: ask, answered: &answered)
            if case .failure(.offline) = result, answered, retries < retryDelays.count {
                sleep(retryDelays[retries])
                retries += 1
                continue
            }
            // The parts the server put together do not hash to what the station
            // sent (damaged on the way: the station's bytes are fixed): the
            // server forgot them; send the body once more, from the start.
            if case .failure(.refused(422, let reasons)) = result, reasons.hasPrefix("bodySha256:"), !sentAgainFromStart {
                sentAgainFromStart = true
                continue
            }
            return result.mapError { refusal($0, document) }
        }
    }

    /// `answered`: the server answered a request of this try.
    private func attempt(_ document: SealedDocument, bodySHA256: String, keyID: String?, ask: Bool,
                         answered: inout Bool) -> Result<Void, SyncError> {
        if wholeOnly { return whole(document, keyID: keyID) }
        let length = document.body.count
        var offset = 0
        if ask {
            switch client.documentOffset(sha256: document.sha256, bodySHA256: bodySHA256, length: length) {
            case .failure(let e): return .failure(e)
            case .success(nil):
                wholeOnly = true
                return whole(document, keyID: keyID)
            case .success(let known?):
                answered = true
                if known.documentStored { return .success(()) }
                offset = min(known.offset, length)
            }
        }
        var mismatches = 0
        while true {
            // At the end with the document not stored yet (the server had every
            // byte but had not checked them): an empty part completes it.
            let part = document.body.withUnsafeBufferPointer { Data($0[offset..<min(offset + chunkSize, length)]) }
            switch client.appendDocument(sha256: document.sha256, bodySHA256: bodySHA256, offset: offset, length: length,
                                         part: part, sealedTo: keyID) {
            case .failure(let e):
                return .failure(e)
            case .success(.complete):
                return .success(())
            case .success(.unsupported):
                wholeOnly = true
                return whole(document, keyID: keyID)
            case .success(.appended(let next)):
                answered = true
                guard next > offset, next <= length else { return .failure(.notTheServer("the upload's offset went from \(offset) to \(next)")) }
                offset = next
            case .success(.offsetMismatch(let held)):
                // Another connection (or a lost answer) moved it: go on from the server's offset.
                answered = true
                mismatches += 1
                guard mismatches <= 3, held <= length else { return .failure(.offline("the upload's offset keeps changing (\(held))")) }
                offset = held
            }
        }
    }

    private func whole(_ document: SealedDocument, keyID: String?) -> Result<Void, SyncError> {
        client.putDocument(sha256: document.sha256, bytes: document.body, sealedTo: keyID).map { _ in () }
    }

    /// The server's refusal of a document as the reason the dossier needs
    /// attention: what it is and what the helper can do, in both languages
    /// ("vi — en", as the server's own messages). Other failures unchanged.
    func refusal(_ error: SyncError, _ document: SealedDocument) -> SyncError {
        let name = String(document.sha256.prefix(12))
        let size = Self.megabytes(document.body.count)
        switch error {
        case .tooLarge(let limit):
            let most = limit.map { " (tối đa \(Self.megabytes($0)) MB)" } ?? ""
            let mostEN = limit.map { " (at most \(Self.megabytes($0)) MB)" } ?? ""
            return .refused(status: 413, reasons: "TaiLieuNop: Tệp đính kèm \(name) (\(size) MB) lớn hơn mức máy chủ tỉnh nhận\(most). "
                + "Quét lại ở độ phân giải thấp hơn hoặc ảnh xám, hoặc tách thành nhiều tệp, rồi nộp lại hồ sơ, hoặc nhận bản giấy tại quầy. — "
                + "The attached document \(name) (\(size) MB) is larger than the provincial server accepts\(mostEN). "
                + "Scan it again at a lower resolution or in grey, or split it into several files, then submit the dossier again, or take the paper at the desk.")
        case .refused(let status, let reasons) where status == 422:
            // A key the server does not hold says so itself, in both languages.
            if reasons.hasPrefix("X-Seal-Key-Id:") { return error }
            return .refused(status: 422, reasons: "TaiLieuNop: Máy chủ tỉnh không nhận tệp đính kèm \(name): nội dung không khớp với mã băm của nó hoặc không mở được (hỏng trên đường truyền hoặc ở trạm). "
                + "Đính kèm hoặc quét lại tệp rồi nộp lại hồ sơ, nếu lặp lại, báo bộ phận CNTT của tỉnh. — "
                + "The provincial server refused the attached document \(name): its content does not match its hash or does not open (damaged on the way or at the station). "
                + "Attach or scan it again, then submit the dossier again, if it happens again, tell the province's IT team.")
        default:
            return error
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
