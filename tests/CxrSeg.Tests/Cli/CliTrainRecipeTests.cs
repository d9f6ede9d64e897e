using CxrSeg.Cli.Commands;

namespace CxrSeg.Tests.Cli;

public sealed class CliTrainRecipeTests
{
    [Fact]
    public void Train_help_shows_the_new_flags_and_cv_has_help()
    {
        var r = CliRunner.Run(["train", "--help"]);
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var flag in new[] { "--crop", "--crop-foreground", "--class-weights", "--focal-gamma", "--tversky-alpha", "--skeleton-weight", "--skeleton-classes",
                     "--warmup", "--accumulate", "--tune-thresholds", "--window", "--recipe" })
            Assert.Contains(flag, r.Out);
        var cv = CliRunner.Run(["cv", "--help"]);
        Assert.True(cv.ExitCode == 0, cv.Error);
        Assert.Contains("--workspace", cv.Out);
    }

    [Fact]
    public void Flags_given_override_the_recipe_and_defaults_do_not()
    {
        var settings = (TrainSettings)Activator.CreateInstance(TrainSettingsType.Type)!;
        void Set(string property, object? value) => TrainSettingsType.Type.GetProperty(property)!.SetValue(settings, value);
        Set("Option_Recipe", "ccxs-best");
        Set("Stage_maxEpochs", 3);
        Set("Stage_patience", 10);             // Spectre fills a flag's default when it is not given
        Set("Stage_tuneThresholds", true);
        var o = settings.ToOptions(["train", "--recipe", "ccxs-best", "--epochs=3", "--tune-thresholds"]);
        Assert.Equal(3, o.MaxEpochs);
        Assert.Equal(0, o.Patience);            // the recipe's, not the flag's default
        Assert.Equal(0.15, o.ValidationFraction);
        Assert.True(o.TuneThresholds);          // given on the line
        Set("Option_Recipe", null);
        Assert.Equal(10, settings.ToOptions(["train", "--epochs", "3"]).Patience);
    }
}
