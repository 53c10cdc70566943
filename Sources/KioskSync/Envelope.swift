import Foundation
import KioskCore
import KioskStore

extension Envelope {
    /// The envelope with this station's settings standing in for a dossier
    /// finalized before its station was recorded (the store builds it; see
    /// KioskStore's Upload/Envelope.swift).
    public static func make(dossier: Dossier, form: FormDefinition, answers: [(path: String, key: String?, value: String)],
                            documents: [DossierDocument], settings: SyncSettings) -> Data {
        make(dossier: dossier, form: form, answers: answers, documents: documents,
             stationID: settings.stationID, agencyCode: settings.agencyCode)
    }
}
