using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Tests.Demo;

public class CommandLineTests
{
    private static readonly DemoCommandLine Cli = new((_, _) => Task.FromResult(0));

    private static T Request<T>(params string[] args) where T : DemoRequest
    {
        var result = Cli.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(Cli.ToRequest(result));
    }

    private static string Errors(params string[] args)
    {
        var result = Cli.Parse(args);
        Assert.NotEmpty(result.Errors);
        return string.Join(" | ", result.Errors.Select(error => error.Message));
    }

    [Fact]
    public void NoArgumentsRunsTheStory() => Assert.False(Request<StoryRequest>().Verbose);

    [Fact]
    public void TrainTakesEveryFlag()
    {
        var train = Request<TrainRequest>("train", "--data", "flowers", "--val", "v", "--arch", "resnext50_32x4d", "--epochs", "7",
            "--image-size", "160", "--batch-size", "8", "--lr", "0.001", "--pretrained", "w.pth", "--seed", "42",
            "--precision", "bf16", "--output", "m.zip", "--metrics-json", "m.json", "--verbose");
        Assert.Equal(new TrainRequest("flowers", "v", ResNetArchitecture.ResNeXt50_32x4d, 7, 160, 8, 0.001,
            new PretrainedChoice(PretrainedWeights.File, "w.pth"), 42, "m.zip", "m.json", Verbose: true,
            TrainingPrecision.BFloat16Mixed), train);
    }

    [Fact]
    public void TrainResumeFlagAsksToContinueFromTheCheckpointsAndIsOffByDefault()
    {
        Assert.True(Request<TrainRequest>("train", "--data", "d", "--resume").Resume);
        Assert.False(Request<TrainRequest>("train", "--data", "d").Resume);
    }

    [Fact]
    public void TrainDefaultsToImageNetResNet18()
    {
        var train = Request<TrainRequest>("train", "--data", "d");
        Assert.Equal((ResNetArchitecture.ResNet18, PretrainedWeights.ImageNet, 5, 224, 16, 1e-4, 1),
            (train.Architecture, train.Pretrained.Weights, train.Epochs, train.ImageSize, train.BatchSize, train.LearningRate, train.Seed));
        Assert.Equal(Path.Combine("out", "model.zip"), train.Output);
        Assert.Equal(TrainingPrecision.Float32, train.Precision);
        Assert.Null(train.Validation);
        Assert.Null(train.MetricsJson);
    }

    [Theory]
    [InlineData("resnet50", null, PretrainedWeights.None)]
    [InlineData("resnet34", "imagenet", PretrainedWeights.ImageNet)]
    [InlineData("RESNET18", "None", PretrainedWeights.None)]
    [InlineData("wide_resnet50_2", null, PretrainedWeights.None)]
    public void PretrainedDefaultDependsOnTheArchitecture(string arch, string? pretrained, PretrainedWeights expected)
    {
        var args = new List<string> { "train", "--data", "d", "--arch", arch };
        if (pretrained is not null) args.AddRange(["--pretrained", pretrained]);
        Assert.Equal(expected, Request<TrainRequest>(args.ToArray()).Pretrained.Weights);
    }

    [Theory]
    [InlineData("resnet18", ResNetArchitecture.ResNet18)]
    [InlineData("resnet152", ResNetArchitecture.ResNet152)]
    [InlineData("resnext101_32x8d", ResNetArchitecture.ResNeXt101_32x8d)]
    [InlineData("resnext101_64x4d", ResNetArchitecture.ResNeXt101_64x4d)]
    [InlineData("wide_resnet101_2", ResNetArchitecture.WideResNet101_2)]
    public void ArchitecturesUseTorchvisionNames(string name, ResNetArchitecture expected) =>
        Assert.Equal(expected, Request<TrainRequest>("train", "--data", "d", "--arch", name).Architecture);

    [Theory]
    [InlineData("Unknown architecture 'vgg16'", "train", "--data", "d", "--arch", "vgg16")]
    [InlineData("--epochs must be at least 1", "train", "--data", "d", "--epochs", "0")]
    [InlineData("--image-size must be at least 32", "train", "--data", "d", "--image-size", "16")]
    [InlineData("--batch-size must be at least 1", "train", "--data", "d", "--batch-size", "-2")]
    [InlineData("--lr must be in (0, 10)", "train", "--data", "d", "--lr", "0")]
    [InlineData("--precision takes float32, bf16 or auto", "train", "--data", "d", "--precision", "fp8")]
    [InlineData("--data", "train", "--epochs", "3")]
    [InlineData("--frobnicate", "train", "--data", "d", "--frobnicate")]
    [InlineData("--model", "evaluate", "--data", "d")]
    [InlineData("--data", "evaluate", "--model", "m.zip")]
    [InlineData("IMAGE", "predict", "--model", "m.zip")]
    [InlineData("--top must be at least 1", "predict", "--model", "m.zip", "a.jpg", "--top", "0")]
    [InlineData("--val-fraction must be in (0, 1)", "split", "--data", "d", "--out", "o", "--val-fraction", "1.5")]
    [InlineData("--out", "split", "--data", "d")]
    [InlineData("fly", "fly")]
    public void BadCommandLinesAreRejectedNamingTheProblem(string expected, params string[] args) =>
        Assert.Contains(expected, Errors(args));

    [Fact]
    public void EvaluateTakesModelDataAndMetrics() =>
        Assert.Equal(new EvaluateRequest("m.zip", "d", "e.json", false),
            Request<EvaluateRequest>("evaluate", "--model", "m.zip", "--data", "d", "--metrics-json", "e.json"));

    [Fact]
    public void PredictTakesSeveralImagesTopAndAnnotate()
    {
        var predict = Request<PredictRequest>("predict", "--model", "m.zip", "a.jpg", "b.png", "--top", "2", "--annotate", "ann");
        Assert.Equal(["a.jpg", "b.png"], predict.Images);
        Assert.Equal((2, "ann"), (predict.Top, predict.AnnotateFolder));
        var defaults = Request<PredictRequest>("predict", "--model", "m.zip", "a.jpg");
        Assert.Equal((3, (string?)null), (defaults.Top, defaults.AnnotateFolder));
    }

    [Fact]
    public void SplitTakesFractionAndSeed()
    {
        Assert.Equal(new SplitRequest("d", "o", 0.2, 9, false),
            Request<SplitRequest>("split", "--data", "d", "--out", "o", "--val-fraction", "0.2", "--seed", "9"));
        Assert.Equal(new SplitRequest("d", "o", 0.1, 1, false), Request<SplitRequest>("split", "--data", "d", "--out", "o"));
    }

    [Fact]
    public async Task InvokingHandsTheRequestToTheRunnerAndReturnsItsExitCode()
    {
        DemoRequest? seen = null;
        var cli = new DemoCommandLine((request, _) => { seen = request; return Task.FromResult(17); });
        int code = await cli.Parse(["split", "--data", "d", "--out", "o", "--verbose"]).InvokeAsync();
        Assert.Equal(17, code);
        Assert.Equal(new SplitRequest("d", "o", 0.1, 1, true), seen);
    }
}
