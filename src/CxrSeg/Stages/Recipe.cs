using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CxrSeg.Stages;

/// <summary>
/// A named set of training options (<c>cxrseg train --recipe NAME</c>): a YAML file with <c>name</c>, <c>description</c>,
/// the prepared <c>imageSize</c> it expects and <c>options</c> keyed as in plan files (<see cref="TrainOptions.Table"/>).
/// The built-in recipes ship inside the library (<c>Stages/Recipes/*.yaml</c>); a path to such a file works too.
/// </summary>
/// <param name="Name">The recipe's name.</param>
/// <param name="Description">One line on what it sets.</param>
/// <param name="ImageSize">The prepared image size it is meant for, or null.</param>
/// <param name="Options">Plan keys and values.</param>
public sealed record Recipe(string Name, string Description, int? ImageSize, IReadOnlyDictionary<string, string> Options)
{
    private const string ResourcePrefix = "CxrSeg.Recipes.";

    /// <summary>The names of the built-in recipes.</summary>
    public static IReadOnlyList<string> Builtin { get; } = typeof(Recipe).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The recipe's options applied over <paramref name="start"/>; a key that is not a training option is an error naming the recipe and the key.</summary>
    public TrainOptions Apply(TrainOptions start)
    {
        var o = start;
        foreach (var (key, value) in Options)
        {
            var row = TrainOptions.PlanOption(key)
                ?? throw new UserFacingException($"recipe {Name}: '{key}' is not a training option (valid: {string.Join(", ", TrainOptions.Table.Where(r => r.InPlans).Select(r => r.Key))})");
            o = row.Apply(o, value, $"recipe {Name}: {key}");
        }
        return o;
    }

    /// <summary>
    /// The dataset reference to train on: each folder of caches in <paramref name="reference"/> (':'-separated) narrowed to
    /// its latest cache of the recipe's <see cref="ImageSize"/>, so a workspace prepared at several sizes trains at the
    /// recipe's; a cache folder named directly is kept as given. Unchanged when the recipe names no size.
    /// </summary>
    public string ResolveDataset(string reference) => ImageSize is not int size ? reference
        : Data.Cache.PreparedSources.Join(Data.Cache.PreparedSources.Split(reference)
            .Select(f => Data.Cache.PreparedFolders.IsCache(f) || !Directory.Exists(f) ? f : Data.Cache.PreparedFolders.Resolve(f, size)));

    /// <summary>Loads a built-in recipe by name, or a recipe file by path; errors name the recipe and list the built-in ones.</summary>
    public static Recipe Load(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Parse(File.ReadAllText(nameOrPath), nameOrPath);
        using var stream = typeof(Recipe).Assembly.GetManifestResourceStream(ResourcePrefix + nameOrPath + ".yaml")
            ?? throw new UserFacingException($"--recipe: no recipe '{nameOrPath}' (built-in: {string.Join(", ", Builtin)}; or give a recipe file)");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), nameOrPath);
    }

    /// <summary>Parses recipe YAML; <paramref name="source"/> names it in errors.</summary>
    public static Recipe Parse(string yaml, string source)
    {
        Dto? dto;
        try
        {
            dto = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Dto>(yaml);
        }
        catch (YamlException e)
        {
            throw Experiments.YamlErrors.Describe($"recipe {source}", e);
        }
        if (dto?.Options is null || dto.Options.Count == 0) throw new UserFacingException($"recipe {source}: field 'options' is missing or empty");
        if (dto.ImageSize is <= 0) throw new UserFacingException($"recipe {source}: field 'imageSize' must be a positive number of pixels (got {dto.ImageSize})");
        var recipe = new Recipe(dto.Name ?? Path.GetFileNameWithoutExtension(source), dto.Description ?? "", dto.ImageSize,
            dto.Options.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal));
        recipe.Apply(new TrainOptions()).Validate();
        return recipe;
    }

    private sealed class Dto
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public int? ImageSize { get; set; }
        public Dictionary<string, object?>? Options { get; set; }
    }
}
