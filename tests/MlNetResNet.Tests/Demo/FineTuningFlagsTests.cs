using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Tests.Demo;

public sealed class FineTuningFlagsTests
{
    private static readonly DemoCommandLine Cli = new((_, _) => Task.FromResult(0));

    private static TrainRequest Train(params string[] flags)
    {
        var result = Cli.Parse(["train", "--data", "d", .. flags]);
        Assert.Empty(result.Errors);
        return Assert.IsType<TrainRequest>(Cli.ToRequest(result));
    }

    private static string Errors(params string[] flags)
    {
        var result = Cli.Parse(["train", "--data", "d", .. flags]);
        Assert.NotEmpty(result.Errors);
        return string.Join(" | ", result.Errors.Select(error => error.Message));
    }

    [Theory]
    [InlineData("full", FineTuningMode.Full)]
    [InlineData("head", FineTuningMode.HeadOnly)]
    [InlineData("two-stage", FineTuningMode.TwoStage)]
    [InlineData("TWO-STAGE", FineTuningMode.TwoStage)]
    public void FineTuneTakesItsThreeModes(string value, FineTuningMode expected) =>
        Assert.Equal(expected, Train("--fine-tune", value).FineTuning);

    [Fact]
    public void WithoutFlagsTrainIsTheSeedRecipeWithoutCacheOrBudget()
    {
        var request = Train();
        Assert.Equal((FineTuningMode.Full, null, null, 1L << 30), (request.FineTuning, request.CacheDirectory, request.TimeBudget, request.CacheMaxBytes));
    }

    [Fact]
    public void AnUnknownFineTuneValueListsTheAcceptedOnes()
    {
        string errors = Errors("--fine-tune", "partial");
        Assert.Contains("'partial'", errors);
        Assert.Contains("full, head, two-stage", errors);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1.5m", 90)]
    public void TimeBudgetTakesSecondsOrAUnit(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Train("--time-budget", value).TimeBudget);

    [Theory]
    [InlineData("5x")]
    [InlineData("0")]
    [InlineData("-3m")]
    [InlineData("m")]
    public void ABadTimeBudgetIsRejectedWithTheAcceptedForms(string value)
    {
        string errors = Errors("--time-budget", value);
        Assert.Contains($"'{value}'", errors);
        Assert.Contains("90s, 5m, 1h", errors);
    }

    [Fact]
    public void CacheDirAndSizeAreTaken()
    {
        var request = Train("--cache-dir", "features", "--cache-size", "512M");
        Assert.Equal(("features", 512L << 20), (request.CacheDirectory, request.CacheMaxBytes));
        Assert.Equal(2L << 30, Train("--cache-size", "2G").CacheMaxBytes);
    }

    [Fact]
    public void ABadCacheSizeIsRejectedWithTheAcceptedForms() => Assert.Contains("500M, 2G", Errors("--cache-size", "lots"));

    [Fact]
    public void PrecisionTakesAuto() => Assert.Equal(TrainingPrecision.Auto, Train("--precision", "auto").Precision);
}
