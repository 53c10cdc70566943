import Foundation
import KioskCore
import KioskImaging
import KioskUI

/// What background document work hands back to the main thread, which
/// stores it (the store is touched only there).
enum DocumentWork: Sendable {
    case progress(Double)
    case scanned(Result<ScannedPage, ScanFailure>)
    case checked(Result<CheckedFile, AttachFailure>)
    case previewed(DocumentDesk.FileToPreview, Result<[PreviewImage], AttachFailure>)
    case made([DocumentPage], Result<[UInt8], DocumentDesk.MakeFailure>)
}

extension EffectRunner {
    /// The desk, made on first use with the current settings (nil without).
    var desk: DocumentDesk? {
        if let documentDesk { return documentDesk }
        guard let documentSettings else { return nil }
        let made = DocumentDesk(store: store, settings: documentSettings)
        documentDesk = made
        return made
    }

    /// The documents step's effects. A scan, reading a file and previewing
    /// a PDF run on a thread of their own when `asksInBackground` (the
    /// terminal keeps drawing; progress comes through `finishedEvents`);
    /// else at once, their progress and result returned together.
    func performDocuments(_ effect: Effect) -> [Event] {
        guard let desk = self.desk else { return [] }
        switch effect {
        case .scanPage(let preset):
            guard asksInBackground else {
                var events: [Event] = []
                let scanned = desk.scan(preset) { events.append(.effectResult(.scanProgress($0))) }
                return events + finishDocument(.scanned(scanned))
            }
            if desk.scanner.isScanning { return [.effectResult(.scanFailed(ScanFailure.alreadyScanning.message))] }
            let box = finished
            box.start()
            Thread.detachNewThread {
                let scanned = desk.scan(preset) { box.post(.document(.progress($0))) }
                box.finish(.document(.scanned(scanned)))
            }
            return []
        case .cancelScan:
            desk.scanner.cancel()
            return []
        case .listFolder(let path):
            return [.effectResult(desk.list(path))]
        case .attachFile(let path):
            guard asksInBackground else { return finishDocument(.checked(desk.check(path: path))) }
            let box = finished
            box.start()
            DispatchQueue.global(qos: .userInitiated).async { box.finish(.document(.checked(desk.check(path: path)))) }
            return []
        case .makeDocument(let pages):
            // libharu decodes and compresses every page: seconds for many
            // pages at 300 dpi, off the main thread in the terminal.
            guard asksInBackground else { return [.effectResult(desk.make(pages))] }
            switch desk.readPages(pages) {
            case .failure(let failed):
                return [.effectResult(failed.result)]
            case .success(let pictures):
                let box = finished
                box.start()
                DispatchQueue.global(qos: .userInitiated).async { box.finish(.document(.made(pages, DocumentDesk.makePDF(pictures)))) }
                return []
            }
        case .keepPages(let draftID, let fieldID, let pages):
            // The screen is gone: the document goes straight into the draft.
            if case .documentMade(let made) = desk.make(pages) {
                try? store.saveAnswers(draftID: draftID, [(fieldID, "file:" + made.sha256)])
            }
            return []
        case .openDocument(let sha):
            switch desk.beginOpening(sha) {
            case .done(let result):
                return [.effectResult(result)]
            case .needsPreviews(let file):
                // A PDF attached whole is previewed by poppler: off the main thread.
                guard asksInBackground else { return finishDocument(.previewed(file, DocumentDesk.previews(file))) }
                let box = finished
                box.start()
                DispatchQueue.global(qos: .userInitiated).async { box.finish(.document(.previewed(file, DocumentDesk.previews(file)))) }
                return []
            }
        default:
            return []
        }
    }

    func finishDocument(_ work: DocumentWork) -> [Event] {
        guard let desk else { return [] }
        switch work {
        case .progress(let p): return [.effectResult(.scanProgress(p))]
        case .scanned(let result): return [.effectResult(desk.keep(result))]
        case .checked(let result): return [.effectResult(desk.keep(result))]
        case .previewed(let file, let previews): return [.effectResult(desk.finishOpening(file, previews: previews))]
        case .made(let pages, let pdf): return [.effectResult(desk.store(pdf, of: pages))]
        }
    }
}
