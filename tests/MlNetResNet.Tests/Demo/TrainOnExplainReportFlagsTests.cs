using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Tests.Demo;

/// <summary>The flags of training on (<c>train --pretrained model.zip</c>), <c>predict --explain</c> and <c>evaluate --report</c>.</summary>
public sealed class TrainOnExplainReportFlagsTests
{
    private static readonly DemoCommandLine Cli = new((_, _) => Task.FromResult(0));

    private static T Request<T>(params string[] args) where T : DemoRequest
    {
        var result = Cli.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(Cli.ToRequest(result));
    }

    [Theory]
    [InlineData("out/model.zip", PretrainedWeights.FromModel)]
    [InlineData("OLD.ZIP", PretrainedWeights.FromModel)]
    [InlineData("weights.pth", PretrainedWeights.File)]
    public void PretrainedTakesASavedModelZipToTrainOnFrom(string value, PretrainedWeights expected)
    {
        var train = Request<TrainRequest>("train", "--data", "d", "--pretrained", value);
        Assert.Equal(new PretrainedChoice(expected, value), train.Pretrained);
    }
}
