import KioskCore

/// What an operator's action did, for the desk to say in its words.
public enum OperatorDone: Sendable, Equatable { case sentNow, withdrawn, erased }

/// What the operator's screens show, in the UI's own values (the runtime
/// fills them from the store): counts, codes, states and the server's
/// reasons; of a citizen's answers only those a refusal names.
public struct OperatorData: Sendable, Equatable {
    public var stats: OperatorStats
    public var queue: [QueuedItem]
    public var attention: [AttentionItem]
    public var drafts: [DraftItem]
    /// Form updates refused or waiting (filled once the station has them).
    public var formUpdates: [LocalizedText]

    public init(stats: OperatorStats, queue: [QueuedItem] = [], attention: [AttentionItem] = [], drafts: [DraftItem] = [],
                formUpdates: [LocalizedText] = []) {
        self.stats = stats
        self.queue = queue
        self.attention = attention
        self.drafts = drafts
        self.formUpdates = formUpdates
    }
}

public struct OperatorCounts: Sendable, Equatable {
    public var started, finished, uploaded, needsAttention: Int
    public init(started: Int = 0, finished: Int = 0, uploaded: Int = 0, needsAttention: Int = 0) {
        self.started = started
        self.finished = finished
        self.uploaded = uploaded
        self.needsAttention = needsAttention
    }
}

public enum StatsPeriod: String, Sendable, Equatable { case day, month }

public struct OperatorStats: Sendable, Equatable {
    public var period: StatsPeriod
    /// The first day of the period, dd/mm/yyyy.
    public var from: String
    public var total: OperatorCounts
    /// By procedure (its name), and by operator id ("" for none), sorted.
    public var byProcedure: [(name: LocalizedText, counts: OperatorCounts)]
    public var byOperator: [(id: String, counts: OperatorCounts)]
    public var medianMinutes: Double?

    public init(period: StatsPeriod, from: String, total: OperatorCounts, byProcedure: [(name: LocalizedText, counts: OperatorCounts)] = [],
                byOperator: [(id: String, counts: OperatorCounts)] = [], medianMinutes: Double? = nil) {
        self.period = period
        self.from = from
        self.total = total
        self.byProcedure = byProcedure
        self.byOperator = byOperator
        self.medianMinutes = medianMinutes
    }

    public static func == (a: OperatorStats, b: OperatorStats) -> Bool {
        a.period == b.period && a.from == b.from && a.total == b.total && a.medianMinutes == b.medianMinutes
            && a.byProcedure.map(\.name) == b.byProcedure.map(\.name) && a.byProcedure.map(\.counts) == b.byProcedure.map(\.counts)
            && a.byOperator.map(\.id) == b.byOperator.map(\.id) && a.byOperator.map(\.counts) == b.byOperator.map(\.counts)
    }
}

/// A dossier waiting in the queue.
public struct QueuedItem: Sendable, Equatable {
    public var receiptNumber: String
    public var procedure: LocalizedText
    public var finalizedAt: Int
    public var attempts: Int
    public var nextAttemptAt: Int?
    /// Why the last send failed, in words (nil: not tried yet).
    public var lastError: LocalizedText?

    public init(receiptNumber: String, procedure: LocalizedText, finalizedAt: Int, attempts: Int, nextAttemptAt: Int?, lastError: LocalizedText?) {
        self.receiptNumber = receiptNumber
        self.procedure = procedure
        self.finalizedAt = finalizedAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}

/// A dossier the server refused, with its reasons against the answers they name.
public struct AttentionItem: Sendable, Equatable {
    public var submissionID: String
    public var receiptNumber: String
    public var procedure: LocalizedText
    public var finalizedAt: Int
    public var reasons: [AttentionReason]

    public init(submissionID: String, receiptNumber: String, procedure: LocalizedText, finalizedAt: Int, reasons: [AttentionReason]) {
        self.submissionID = submissionID
        self.receiptNumber = receiptNumber
        self.procedure = procedure
        self.finalizedAt = finalizedAt
        self.reasons = reasons
    }
}

/// One of the server's reasons: its message, and the answer it names
/// (the field's label and the answer as sent), when it names one.
public struct AttentionReason: Sendable, Equatable {
    public var path: String
    public var message: String
    public var label: LocalizedText?
    public var answer: String?

    public init(path: String, message: String, label: LocalizedText? = nil, answer: String? = nil) {
        self.path = path
        self.message = message
        self.label = label
        self.answer = answer
    }
}

/// A draft kept at the station: nothing personal.
public struct DraftItem: Sendable, Equatable {
    public var id: Int64
    public var resumeCode: String
    public var procedure: LocalizedText
    public var updatedAt: Int
    public var answered: Int
    public var required: Int
    public var operatorID: String?

    public init(id: Int64, resumeCode: String, procedure: LocalizedText, updatedAt: Int, answered: Int, required: Int, operatorID: String?) {
        self.id = id
        self.resumeCode = resumeCode
        self.procedure = procedure
        self.updatedAt = updatedAt
        self.answered = answered
        self.required = required
        self.operatorID = operatorID
    }
}
