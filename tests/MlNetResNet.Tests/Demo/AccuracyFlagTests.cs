using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Tests.Demo;

/// <summary><c>train --calibrate</c> and <c>--class-weighting</c>: accepted names, defaults, and errors that list the names.</summary>
public sealed class AccuracyFlagTests
{
    private static readonly DemoCommandLine Cli = new((_, _) => Task.FromResult(0));

    private static TrainRequest Train(params string[] flags) =>
        Assert.IsType<TrainRequest>(Cli.ToRequest(Cli.Parse(["train", "--data", "d", .. flags])));

    private static string Errors(params string[] flags) =>
        string.Join(" | ", Cli.Parse(["train", "--data", "d", .. flags]).Errors.Select(error => error.Message));

    [Theory]
    [InlineData("temperature", ProbabilityCalibration.Temperature)]
    [InlineData("on", ProbabilityCalibration.Temperature)]
    [InlineData("none", ProbabilityCalibration.None)]
    [InlineData("off", ProbabilityCalibration.None)]
    public void CalibrateTakesItsNames(string value, ProbabilityCalibration expected) =>
        Assert.Equal(expected, Train("--calibrate", value).Calibration);

    [Theory]
    [InlineData("balanced", ClassWeighting.Balanced)]
    [InlineData("none", ClassWeighting.None)]
    public void ClassWeightingTakesItsNames(string value, ClassWeighting expected) =>
        Assert.Equal(expected, Train("--class-weighting", value).ClassWeighting);

    [Fact]
    public void BothDefaultToTheLibraryDefaults()
    {
        var request = Train();
        var defaults = new ResNetClassifierOptions();
        Assert.Equal(defaults.Calibration, request.Calibration);
        Assert.Equal(defaults.ClassWeighting, request.ClassWeighting);
    }

    [Theory]
    [InlineData("--calibrate", "platt", "none or temperature")]
    [InlineData("--class-weighting", "auto", "none or balanced")]
    public void AnUnknownNameIsAnErrorListingTheAcceptedOnes(string flag, string value, string accepted)
    {
        string errors = Errors(flag, value);
        Assert.Contains(accepted, errors);
        Assert.Contains(value, errors);
    }
}
