using System.Globalization;

namespace CxrSeg.Stages;

/// <summary>
/// One training option of a stage, as both vocabularies name it: its plan/grid key (<see cref="Key"/>, with
/// <see cref="Aliases"/>) and its command-line flag (<see cref="Flag"/>), the help line, the default (read from a fresh
/// <see cref="TrainOptions"/>, where each default is written once) and how a value is applied. The table is
/// <see cref="TrainOptions.Table"/>; the plan binder and the <c>train</c> command both go through it.
/// </summary>
public sealed record StageOption
{
    /// <summary>The plan/grid key (camelCase), e.g. <c>gradClip</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Other plan/grid spellings of the key.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>False for options a plan sets elsewhere (the stage's task and seed, the run's device).</summary>
    public bool InPlans { get; init; } = true;

    /// <summary>
    /// False for options that change how a stage is run but not what it computes (when checkpoints are written): left
    /// out of stage ids, and free to differ when a run resumes.
    /// </summary>
    public bool AffectsResult { get; init; } = true;

    /// <summary>The command-line flag, e.g. <c>--grad-clip</c>, or null when <c>train</c> has none.</summary>
    public string? Flag { get; init; }

    /// <summary>The flag's value name, e.g. <c>X</c>; null for a switch (<c>--no-…</c>, which sets the option to false).</summary>
    public string? ValueName { get; init; }

    /// <summary>The value a command-line switch (<see cref="ValueName"/> null) applies when given: "false" for <c>--no-…</c>, "true" for an enabling switch.</summary>
    public string SwitchValue { get; init; } = "false";

    /// <summary>The type the command line parses (int, double, double?, string; bool for a switch).</summary>
    public required Type CliType { get; init; }

    /// <summary>The help line, without the default.</summary>
    public required string Help { get; init; }

    /// <summary>The default in words, when the value alone does not say it (e.g. "the prepared split").</summary>
    public string? DefaultNote { get; init; }

    /// <summary>The default as the command line shows it (null: none shown).</summary>
    public object? CliDefault { get; init; }

    /// <summary>The default as text (for the help line).</summary>
    public required string DefaultText { get; init; }

    /// <summary>Applies a value given as text; <c>label</c> names the source in errors ("--lr", "option lr").</summary>
    public required Func<TrainOptions, string, string, TrainOptions> Apply { get; init; }

    /// <summary>The command-line template, e.g. <c>--grad-clip &lt;X&gt;</c>.</summary>
    public string? Template => Flag is null ? null : ValueName is null ? Flag : $"{Flag} <{ValueName}>";

    /// <summary>The help line with the default, as <c>train --help</c> shows it.</summary>
    public string CliHelp => $"{Help} (default: {DefaultNote ?? DefaultText}).";

    /// <summary>Whether <paramref name="key"/> names this option in a plan (case-insensitive).</summary>
    public bool Matches(string key) =>
        InPlans && (Key.Equals(key, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => a.Equals(key, StringComparison.OrdinalIgnoreCase)));

    /// <summary>An integer option.</summary>
    public static StageOption Int(string key, string? flag, string help, Func<TrainOptions, int> get, Func<TrainOptions, int, TrainOptions> set) => new()
    {
        Key = key, Flag = flag, ValueName = "N", CliType = typeof(int), Help = help, CliDefault = get(Defaults), DefaultText = Text(get(Defaults)),
        Apply = (o, v, label) => set(o, int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
            : throw new UserFacingException($"{label}: '{v}' is not an integer")),
    };

    /// <summary>A number option.</summary>
    public static StageOption Number(string key, string? flag, string help, Func<TrainOptions, double> get, Func<TrainOptions, double, TrainOptions> set) => new()
    {
        Key = key, Flag = flag, ValueName = "X", CliType = typeof(double), Help = help, CliDefault = get(Defaults), DefaultText = Text(get(Defaults)),
        Apply = (o, v, label) => set(o, ParseNumber(v, label)),
    };

    /// <summary>A number option that may be left unset.</summary>
    public static StageOption OptionalNumber(string key, string? flag, string help, string defaultNote, Func<TrainOptions, double, TrainOptions> set) => new()
    {
        Key = key, Flag = flag, ValueName = "X", CliType = typeof(double?), Help = help, DefaultNote = defaultNote, DefaultText = defaultNote,
        Apply = (o, v, label) => set(o, ParseNumber(v, label)),
    };

    /// <summary>A named value (an enum), written lower-case; '+' and '-' in a value are ignored (bce+dice, k-fold).</summary>
    public static StageOption Choice<T>(string key, string? flag, string valueName, string help, Func<TrainOptions, T> get, Func<TrainOptions, T, TrainOptions> set)
        where T : struct, Enum => new()
    {
        Key = key, Flag = flag, ValueName = valueName, CliType = typeof(string), Help = help,
        CliDefault = get(Defaults).ToString().ToLowerInvariant(), DefaultText = get(Defaults).ToString().ToLowerInvariant(),
        Apply = (o, v, label) => set(o, ParseChoice<T>(v, label)),
    };

    /// <summary>A text option.</summary>
    public static StageOption Word(string key, string? flag, string valueName, string help, Func<TrainOptions, string> get, Func<TrainOptions, string, TrainOptions> set) => new()
    {
        Key = key, Flag = flag, ValueName = valueName, CliType = typeof(string), Help = help, CliDefault = get(Defaults), DefaultText = get(Defaults),
        Apply = (o, v, _) => set(o, v),
    };

    /// <summary>A yes/no option: <c>true</c>/<c>false</c> in plans; on the command line a <c>--no-…</c> switch that sets it to false.</summary>
    public static StageOption YesNo(string key, string? noFlag, string help, string defaultNote, Func<TrainOptions, bool, TrainOptions> set) => new()
    {
        Key = key, Flag = noFlag, CliType = typeof(bool), Help = help, DefaultNote = defaultNote, DefaultText = defaultNote,
        Apply = (o, v, label) => set(o, bool.TryParse(v, out var b) ? b : throw new UserFacingException($"{label}: '{v}' is not true or false")),
    };

    /// <summary>A yes/no option that is off by default: <c>true</c>/<c>false</c> in plans; on the command line a switch that sets it to true.</summary>
    public static StageOption Switch(string key, string flag, string help, Func<TrainOptions, bool, TrainOptions> set) =>
        YesNo(key, flag, help, "off", set) with { SwitchValue = "true" };

    /// <summary>Parses a named value of <typeparamref name="T"/> ('+' and '-' ignored, numbers refused); errors name <paramref name="label"/> and the valid names.</summary>
    public static T ParseChoice<T>(string value, string label) where T : struct, Enum =>
        Enum.TryParse<T>(value.Replace("+", "").Replace("-", ""), true, out var r) && !int.TryParse(value, out _) ? r
            : throw new UserFacingException($"{label}: unknown value '{value}' (valid: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))})");

    private static double ParseNumber(string v, string label) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new UserFacingException($"{label}: '{v}' is not a number");

    private static TrainOptions Defaults => new();

    /// <summary>A default as the help line writes it: 0.001, 0.0001, 1e-6.</summary>
    private static string Text(double v) =>
        v != 0 && Math.Abs(v) < 1e-4 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
}
