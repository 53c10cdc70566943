import Foundation
import KioskCore

// kiosk-bench: the speed and memory figures of the kiosk, measured on this
// machine. Run it from the package root in a release build:
//     swift run -c release kiosk-bench [--json FILE]

struct Figure {
    var name: String
    var value: Double
    var unit: String
    var target: Double?
    /// Lower is better unless stated.
    var higherIsBetter = false

    var verdict: String {
        guard let target else { return "" }
        return (higherIsBetter ? value >= target : value <= target) ? "ok" : "MISSED"
    }
}

var figures: [Figure] = []

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Median and 99th percentile of samples (nanoseconds).
func percentiles(_ samples: [UInt64]) -> (p50: Double, p99: Double) {
    let s = samples.sorted()
    return (Double(s[s.count / 2]), Double(s[min(s.count - 1, s.count * 99 / 100)]))
}

/// The best of `runs` timings of `body`, in milliseconds (the least disturbed
/// by whatever else the machine is doing).
func bestOf(_ runs: Int, _ body: () -> Void) -> Double {
    var best = UInt64.max
    for _ in 0..<runs {
        let t = now()
        body()
        best = min(best, now() - t)
    }
    return Double(best) / 1e6
}

var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
if let i = arguments.firstIndex(of: "--json") {
    guard i + 1 < arguments.count else {
        FileHandle.standardError.write(Data("usage: kiosk-bench [--json FILE] [--forms DIR]\n".utf8))
        exit(2)
    }
    jsonPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var formsDir = "Forms"
if let i = arguments.firstIndex(of: "--forms"), i + 1 < arguments.count {
    formsDir = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
guard arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: kiosk-bench [--json FILE] [--forms DIR]\n".utf8))
    exit(2)
}

// 1. All of Forms/: datasets and every form, parsed and checked.
var catalog = FormCatalog.load(directory: formsDir)
guard catalog.errors.isEmpty, !catalog.forms.isEmpty else {
    FileHandle.standardError.write(Data("kiosk-bench: \(formsDir) has errors or no forms; run kiosk forms check\n".utf8))
    exit(1)
}
let formsMs = bestOf(10) { catalog = FormCatalog.load(directory: formsDir) }
let datasetsMs = bestOf(10) { _ = DatasetCatalog.load(directory: formsDir + "/datasets") }
figures.append(Figure(name: "  of which datasets (CSV)", value: datasetsMs, unit: "ms", target: nil))
figures.append(Figure(name: "load and check all of Forms/ (\(catalog.forms.count) forms, \(catalog.datasets.datasets.count) datasets)", value: formsMs, unit: "ms", target: 30))

// 2. The stress form: 2,000 fields, 500 conditions, 300 computed values,
// a repeat group filled to 200 items.
let stressBytes = Array(StressForm.json().utf8)
var stress: FormDefinition!
let stressLoadMs = bestOf(5) {
    stress = FormLoader.load(bytes: stressBytes, file: "stress.json", datasets: catalog.datasets).0
}
guard let stress else {
    FileHandle.standardError.write(Data("kiosk-bench: the stress form does not load\n".utf8))
    exit(1)
}
let groupIndex = stress.fieldIndexByID["group"]!
var state: FormState!
let stressStateMs = bestOf(5) {
    var s = FormState(form: stress)
    for _ in 0..<200 { _ = s.addItem(groupIndex) }
    state = s
}
figures.append(Figure(name: "stress form: parse, compile, graph (\(stress.fields.count) fields)", value: stressLoadMs, unit: "ms", target: nil))
figures.append(Figure(name: "stress form: first evaluation + 200 repeat items", value: stressStateMs, unit: "ms", target: nil))
figures.append(Figure(name: "stress form: load total", value: stressLoadMs + stressStateMs, unit: "ms", target: 100))

// 3. One change re-evaluated: typed numbers (which conditions, computed
// values and every repeat item read) and answers inside the group.
let typed = stress.fields.filter { $0.isEditable && $0.group == nil && $0.type == .integer }
let groupAmount = stress.fieldIndexByID["g_amount"]!
var samples: [UInt64] = []
var seed: UInt64 = 42
for n in 0..<20_000 {
    seed = seed &* 6364136223846793005 &+ 1442695040888963407
    let r = Int(seed >> 33)
    let path = n % 5 == 4
        ? FieldPath(field: groupAmount, item: r % 200)
        : FieldPath(field: typed[r % typed.count].index)
    let raw = String(r % 40)
    let t = now()
    _ = state.set(path, raw: raw)
    samples.append(now() - t)
}
let change = percentiles(samples)
figures.append(Figure(name: "one change re-evaluated, p50", value: change.p50 / 1000, unit: "µs", target: nil))
figures.append(Figure(name: "one change re-evaluated, p99", value: change.p99 / 1000, unit: "µs", target: 200))

// 4. The input engine: Telex keys composed per second.
let telexLine = "Coongj hoaf xax hooij chur nghiax Vieetj Nam ddoocj laapj tuwj do hanhj phucs dangw kys khai sinh cho con "
let keys = String(repeating: telexLine, count: 200)
var composed = ""
let imeMs = bestOf(5) { composed = VietnameseComposer.compose(keys, method: .telex, style: .old) }
precondition(composed.hasPrefix("Cộng hòa xã hội chủ nghĩa Việt Nam"), "the engine composes: \(composed.prefix(60))")
figures.append(Figure(name: "input engine, Telex", value: Double(keys.count) / (imeMs / 1000) / 1e6, unit: "M keys/s", target: nil, higherIsBetter: true))

// Resident memory at the end (Linux: VmRSS of /proc/self/status).
if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
   let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
    figures.append(Figure(name: "resident memory after all cases", value: kb / 1024, unit: "MB", target: nil))
}

// The table.
let nameWidth = figures.map(\.name.count).max() ?? 0
print("kiosk-bench (\(ProcessInfo.processInfo.processorCount) cores)")
for f in figures {
    let value = String(format: "%10.3f", f.value)
    let target = f.target.map { String(format: "%@ %g", f.higherIsBetter ? "≥" : "<", $0) } ?? ""
    print("\(f.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(value) \(f.unit.padding(toLength: 8, withPad: " ", startingAt: 0)) \(target.padding(toLength: 8, withPad: " ", startingAt: 0)) \(f.verdict)")
}

if let jsonPath {
    let object: [[String: Any]] = figures.map { f in
        var o: [String: Any] = ["name": f.name, "value": f.value, "unit": f.unit]
        if let t = f.target { o["target"] = t; o["met"] = f.verdict == "ok" }
        return o
    }
    do {
        let data = try JSONSerialization.data(withJSONObject: ["figures": object], options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: jsonPath))
    } catch {
        FileHandle.standardError.write(Data("kiosk-bench: cannot write \(jsonPath): \(error.localizedDescription)\n".utf8))
        exit(1)
    }
}
