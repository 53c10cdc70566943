import KioskCore
import KioskUI

/// A terminal colour as curses numbers it; `.terminalDefault` is the
/// terminal's own foreground or background (`use_default_colors`, -1).
enum TerminalColor: Int16, Sendable {
    case terminalDefault = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    /// Colour 15, used only on terminals with 16 or more colours.
    case brightWhite = 15
}

/// Video attributes, as far as the driver uses them.
struct Attributes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    let rawValue: UInt8
    static let bold = Attributes(rawValue: 1)
    static let underline = Attributes(rawValue: 2)
    static let reverse = Attributes(rawValue: 4)
    static let dim = Attributes(rawValue: 8)
    static let all: Attributes = [.bold, .underline, .reverse, .dim]

    /// "B U R D" letters, "—" for none.
    var description: String {
        let letters = [(Attributes.bold, "B"), (.underline, "U"), (.reverse, "R"), (.dim, "D")]
            .filter { contains($0.0) }.map(\.1)
        return letters.isEmpty ? "—" : letters.joined(separator: " ")
    }
}

/// How one StyleRole looks on this terminal: a colour pair (when colours are
/// in use) and attributes. Pure data, no curses, so it can be read and tested
/// without a terminal.
struct RoleLook: Sendable, Equatable {
    var foreground: TerminalColor = .terminalDefault
    var background: TerminalColor = .terminalDefault
    var attributes: Attributes = []
}

/// What the terminal can show, as found at start-up.
enum ColorSupport: Sendable, Equatable {
    /// Fewer than 8 colours, `has_colors()` false, too few colour pairs, or
    /// NO_COLOR set (any value, even empty).
    case attributesOnly
    /// At least 8 colours; `count` is curses' COLORS.
    case colors(count: Int)
}

/// Maps each StyleRole to colours and attributes, per theme and terminal.
///
/// Default theme on a colour terminal (8+ colours; "default" is the
/// terminal's own colour):
///
/// | role          | foreground | background | attributes |
/// |---------------|------------|------------|------------|
/// | normal        | default    | default    | —          |
/// | bar           | white      | blue       | bold       |
/// | title         | default    | default    | bold       |
/// | muted         | cyan       | default    | —          |
/// | button        | black      | white      | bold       |
/// | focused       | black      | yellow     | bold       |
/// | input         | black      | white      | underline  |
/// | inputFocused  | black      | cyan       | underline  |
/// | error         | red        | default    | bold       |
/// | success       | green      | default    | bold       |
/// | prefilled     | magenta    | default    | —          |
/// | warning       | yellow     | default    | bold       |
///
/// Attributes only — the default theme when NO_COLOR is set (any value),
/// `has_colors()` is false, or the terminal has fewer than 8 colours or 13
/// colour pairs. B bold, U underline, R reverse, D dim. With all four
/// attributes every role looks different (the twelve subsets of {B U R D}
/// without bold+dim, which terminals rarely show together). A terminal that
/// lacks one (vt100 has no dim, the Linux console no underline) gets, per
/// role, the first fallback it can show:
///
/// | role          | look  | without dim / underline, in order |
/// |---------------|-------|-----------------------------------|
/// | normal        | —     |                                   |
/// | bar           | R     | B                                 |
/// | title         | B     | U                                 |
/// | muted         | D     | —                                 |
/// | button        | B U   | B                                 |
/// | focused       | B R   | R                                 |
/// | input         | U     | R D, R                            |
/// | inputFocused  | U R   | B R                               |
/// | error         | B U R | B R                               |
/// | success       | U R D | B                                 |
/// | prefilled     | U D   | U, R D, D                         |
/// | warning       | R D   | B U, B                            |
///
/// High-contrast theme: black and white only — bright white on black when the
/// terminal has colours (plain white on black with 8), else the terminal's
/// own pair — with bold, underline and reverse; never dim and never a hue.
/// Three attributes give eight looks, so text roles share with controls:
///
/// | role          | look  | fallbacks | shares its look with |
/// |---------------|-------|-----------|----------------------|
/// | normal        | —     |           | muted                |
/// | bar           | R     | B         |                      |
/// | title         | B U   | B         | warning              |
/// | muted         | —     |           | normal               |
/// | button        | B     | R         | success              |
/// | focused       | B R   | R         |                      |
/// | input         | U     | R         | prefilled            |
/// | inputFocused  | U R   | B R       |                      |
/// | error         | B U R | B R       |                      |
/// | success       | B     |           | button               |
/// | prefilled     | U     | R         | input                |
/// | warning       | B U   | B         | title                |
///
/// A Style's own `bold` / `underline` flags are added on top of the role's look.
enum RolePalette {
    /// - Parameter available: the attributes the terminal can show (curses'
    ///   `term_attrs`); looks are chosen among them.
    static func look(
        for role: StyleRole, theme: KioskConfig.Theme, support: ColorSupport, available: Attributes = .all
    ) -> RoleLook {
        switch (theme, support) {
        case (.highContrast, .colors(let count)):
            let attributes = firstShowable(highContrast(role), available)
            return RoleLook(foreground: count >= 16 ? .brightWhite : .white, background: .black, attributes: attributes)
        case (.highContrast, .attributesOnly):
            return RoleLook(attributes: firstShowable(highContrast(role), available))
        case (.default, .attributesOnly):
            return RoleLook(attributes: firstShowable(monochrome(role), available))
        case (.default, .colors):
            var look = colored(role)
            look.attributes.formIntersection(available)
            return look
        }
    }

    /// All twelve roles, in StyleRole order (index = raw value).
    static func looks(theme: KioskConfig.Theme, support: ColorSupport, available: Attributes = .all) -> [RoleLook] {
        StyleRole.allCases.map { look(for: $0, theme: theme, support: support, available: available) }
    }

    private static func firstShowable(_ choices: [Attributes], _ available: Attributes) -> Attributes {
        choices.first { available.isSuperset(of: $0) } ?? []
    }

    private static func colored(_ role: StyleRole) -> RoleLook {
        switch role {
        case .normal: return RoleLook()
        case .bar: return RoleLook(foreground: .white, background: .blue, attributes: .bold)
        case .title: return RoleLook(attributes: .bold)
        case .muted: return RoleLook(foreground: .cyan)
        case .button: return RoleLook(foreground: .black, background: .white, attributes: .bold)
        case .focused: return RoleLook(foreground: .black, background: .yellow, attributes: .bold)
        case .input: return RoleLook(foreground: .black, background: .white, attributes: .underline)
        case .inputFocused: return RoleLook(foreground: .black, background: .cyan, attributes: .underline)
        case .error: return RoleLook(foreground: .red, attributes: .bold)
        case .success: return RoleLook(foreground: .green, attributes: .bold)
        case .prefilled: return RoleLook(foreground: .magenta)
        case .warning: return RoleLook(foreground: .yellow, attributes: .bold)
        }
    }

    /// Preferred look first, then fallbacks; [] (plain) always fits.
    private static func monochrome(_ role: StyleRole) -> [Attributes] {
        switch role {
        case .normal: return [[]]
        case .bar: return [.reverse, .bold]
        case .title: return [.bold, .underline]
        case .muted: return [.dim, []]
        case .button: return [[.bold, .underline], .bold]
        case .focused: return [[.bold, .reverse], .reverse]
        case .input: return [.underline, [.reverse, .dim], .reverse]
        case .inputFocused: return [[.underline, .reverse], [.bold, .reverse]]
        case .error: return [[.bold, .underline, .reverse], [.bold, .reverse]]
        case .success: return [[.underline, .reverse, .dim], .bold]
        case .prefilled: return [[.underline, .dim], .underline, [.reverse, .dim], .dim]
        case .warning: return [[.reverse, .dim], [.bold, .underline], .bold]
        }
    }

    private static func highContrast(_ role: StyleRole) -> [Attributes] {
        switch role {
        case .normal, .muted: return [[]]
        case .bar: return [.reverse, .bold]
        case .title, .warning: return [[.bold, .underline], .bold]
        case .button: return [.bold, .reverse]
        case .success: return [.bold]
        case .focused: return [[.bold, .reverse], .reverse]
        case .input, .prefilled: return [.underline, .reverse]
        case .inputFocused: return [[.underline, .reverse], [.bold, .reverse]]
        case .error: return [[.bold, .underline, .reverse], [.bold, .reverse]]
        }
    }
}
