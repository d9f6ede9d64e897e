using System.Globalization;
using CxrSeg.Stages;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary>
/// The options of <c>cxrseg train</c>: what to train (dataset, encoder, decoder, initial weights, output folder) and
/// every training option of <see cref="TrainOptions.Table"/>. The properties Spectre binds are generated from those two
/// lists by <see cref="TrainSettingsType"/>, so a training option added to the table appears here, in the help and in
/// plan files at once.
/// </summary>
public abstract class TrainSettings : CliSettings
{
    /// <summary>The options of <c>train</c> that are not training options, in help order (after <c>--task</c>).</summary>
    public static IReadOnlyList<CliOption> RequestOptions { get; } =
    [
        new("Option_Dataset", "--dataset <DIR>", typeof(string), "Prepared cache folder (from cxrseg prepare), or a folder of caches such as WORKSPACE/prepared/ccxs (its latest is used); several separated by ':' train as one set (classes united, each image labelled for its own set's classes). Required.", null),
        new("Option_Encoder", "--encoder <NAME>", typeof(string), "Encoder: vgg16, vgg16_bn, resnet50, resnext50_32x4d, resnet18, resnet18-cntk (default: resnet50).", "resnet50"),
        new("Option_Decoder", "--decoder <NAME>", typeof(string), "Decoder for segment: unet | deeplabv3 (default: unet).", "unet"),
        new("Option_Init", "--init <SRC>", typeof(string), "random | imagenet | a previous RUN_DIR | a weights FILE.pth/.safetensors (smp or torchvision layout, detected) (default: random). imagenet needs no file with --encoder resnet18-cntk (bundled weights).", "random"),
        new("Option_Transfer", "--transfer <PARTS>", typeof(string), "With --init RUN_DIR: encoder | encoder+decoder; with --init FILE also all (decoder and head where shapes fit) (default: encoder).", "encoder"),
        new("Option_ImageNetWeights", "--imagenet-weights <PATH>", typeof(string), "With --init imagenet: torchvision's .pth file, or a folder holding it (see `cxrseg weights`); not needed for resnet18-cntk. Nothing is downloaded (default: none).", null),
        new("Option_Out", "--out <DIR>", typeof(string), "Run folder; rerunning the same command resumes it. Required.", null),
        new("Option_Recipe", "--recipe <NAME>", typeof(string), $"A named set of training options ({string.Join(", ", CxrSeg.Stages.Recipe.Builtin)}) or a recipe YAML file; flags given here override its values (default: none).", null),
    ];

    /// <summary>The last option: progress as log lines.</summary>
    public static CliOption QuietOption { get; } = new("Option_Quiet", "--quiet", typeof(bool), "Plain log lines per epoch instead of a progress bar.", null);

    /// <summary>Prepared dataset folder(s).</summary>
    public string Dataset => Get<string>("Option_Dataset") ?? "";

    /// <summary>Encoder name.</summary>
    public string Encoder => Get<string>("Option_Encoder") ?? "resnet50";

    /// <summary>Decoder name.</summary>
    public string Decoder => Get<string>("Option_Decoder") ?? "unet";

    /// <summary>Initialisation.</summary>
    public string Init => Get<string>("Option_Init") ?? "random";

    /// <summary>Transfer.</summary>
    public string Transfer => Get<string>("Option_Transfer") ?? "encoder";

    /// <summary>ImageNet weights file or folder.</summary>
    public string? ImageNetWeights => Get<string>("Option_ImageNetWeights");

    /// <summary>Output run folder.</summary>
    public string Out => Get<string>("Option_Out") ?? "";

    /// <summary>Recipe name or file, or null.</summary>
    public string? Recipe => Get<string>("Option_Recipe");

    /// <summary>Log lines instead of a progress bar.</summary>
    public bool Quiet => Get<bool>("Option_Quiet");

    /// <summary>The training options: the table's defaults with each given value applied in table order (a switch sets its option to its switch value).</summary>
    public TrainOptions ToOptions() => ToOptions(new TrainOptions(), null);

    /// <summary>
    /// The training options over <paramref name="start"/> (a recipe's): with <paramref name="givenFlags"/>, only the flags
    /// given on the command line are applied (a default would otherwise replace the recipe's value).
    /// </summary>
    public TrainOptions ToOptions(TrainOptions start, IReadOnlyCollection<string>? givenFlags)
    {
        var o = start;
        foreach (var row in TrainOptions.Table.Where(r => r.Flag is not null))
        {
            if (givenFlags is not null && !givenFlags.Contains(row.Flag!)) continue;
            var value = GetType().GetProperty(TrainSettingsType.PropertyOf(row))!.GetValue(this);
            if (row.ValueName is null)
            {
                if (value is true) o = row.Apply(o, row.SwitchValue, row.Flag!);
            }
            else if (value is string { Length: > 0 } or int or double)
                o = row.Apply(o, Convert.ToString(value, CultureInfo.InvariantCulture)!, row.Flag!);
        }
        return o;
    }

    /// <summary>The long flags named in raw command-line arguments (<c>--lr 0.1</c> and <c>--lr=0.1</c> both give <c>--lr</c>).</summary>
    public static IReadOnlyCollection<string> FlagsIn(IEnumerable<string> arguments) =>
        arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=', 2)[0]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The options for this command line: the recipe's (when <c>--recipe</c> is given) with the flags given applied over them.</summary>
    public TrainOptions ToOptions(IEnumerable<string> arguments) =>
        Recipe is { Length: > 0 } name ? ToOptions(CxrSeg.Stages.Recipe.Load(name).Apply(new TrainOptions()), FlagsIn(arguments)) : ToOptions();

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset)) return ValidationResult.Error("--dataset is required");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out is required");
        return ValidationResult.Success();
    }

    private T? Get<T>(string property) => (T?)GetType().GetProperty(property)!.GetValue(this);
}

/// <summary>One command-line option of a generated settings type: property name (prefixed <c>Option_</c>), Spectre template, type, help, default.</summary>
public sealed record CliOption(string Property, string Template, Type Type, string Description, object? Default);
