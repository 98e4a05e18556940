using System.Reflection;
using MlNetResNet.Demo.Cli;
using MlNetResNet.Pipelines.Synthetic;
using TorchSharp;
using MlNetResNet.Training;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Every "unknown value" error names what was asked for and lists every accepted value.</summary>
public class UnknownValueErrorMessageTests
{
    private const int OutOfRange = 99;

    public static TheoryData<string> EnumOptions()
    {
        var names = new TheoryData<string>();
        foreach (var property in typeof(ResNetClassifierOptions).GetProperties().Where(p => p.PropertyType.IsEnum)) names.Add(property.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(EnumOptions))]
    public void AnEnumOptionOutOfRangeListsItsValues(string optionName)
    {
        var property = typeof(ResNetClassifierOptions).GetProperty(optionName, BindingFlags.Public | BindingFlags.Instance)!;
        var options = new ResNetClassifierOptions();
        property.SetValue(options, Enum.ToObject(property.PropertyType, OutOfRange));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptionsCheck.Validate(options));

        Assert.Equal(optionName, error.ParamName);
        AssertListsAll(error.Message, Enum.GetNames(property.PropertyType));
    }

    [Fact]
    public void TheTrainersOwnSwitchesListTheirValuesToo()
    {
        AssertListsAll(Assert.Throws<ArgumentOutOfRangeException>(
            () => ResNetArchitectures.Get((ResNetArchitecture)OutOfRange)).Message, Enum.GetNames<ResNetArchitecture>());
        AssertListsAll(Assert.Throws<ArgumentOutOfRangeException>(
            () => DeviceSelection.Resolve((ComputeDevice)OutOfRange)).Message, Enum.GetNames<ComputeDevice>());
        AssertListsAll(Assert.Throws<ArgumentOutOfRangeException>(
            () => new LearningRateCurve((LearningRateSchedule)OutOfRange, 1e-3, 10, 0).At(0)).Message, Enum.GetNames<LearningRateSchedule>());
        var unknownWeights = new ResNetClassifierOptions { Pretrained = (PretrainedWeights)OutOfRange };
        AssertListsAll(Assert.Throws<ArgumentOutOfRangeException>(
            () => StartingNetwork.Create(unknownWeights, 2)).Message, Enum.GetNames<PretrainedWeights>());

        using var layer = torch.nn.Linear(2, 2);
        AssertListsAll(Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingOptimizer.Create((ResNetOptimizer)OutOfRange, layer.parameters(), 1e-3, 0, 0.9)).Message, Enum.GetNames<ResNetOptimizer>());
    }

    [Fact]
    public void AnUnknownArchitectureNameListsTheTorchvisionNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNetArchitectures.Parse("vgg16"));
        AssertListsAll(error.Message, ResNetArchitectures.All.Select(spec => spec.TorchvisionName));
    }

    [Fact]
    public void AnUnknownSyntheticFlowerKindListsTheKinds()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticFlowerGenerator.Draw("orchid", 16, 1));
        Assert.Contains("'orchid'", error.Message);
        AssertListsAll(error.Message, SyntheticFlowerOptions.ClassNames);
    }

    [Theory]
    [InlineData("--arch", "vgg16", "resnet18", "resnet34", "resnet50", "resnext50_32x4d", "wide_resnet101_2")]
    [InlineData("--precision", "fp8", "float32", "bf16", "auto")]
    [InlineData("--fine-tune", "partial", "full", "head", "two-stage")]
    [InlineData("--calibrate", "platt", "none", "temperature")]
    [InlineData("--class-weighting", "inverse", "none", "balanced")]
    public void AnUnknownCliValueListsTheAcceptedOnes(string flag, string value, params string[] accepted)
    {
        var cli = new DemoCommandLine((_, _) => Task.FromResult(0));
        var result = cli.Parse(["train", "--data", "d", flag, value]);
        string message = string.Join(" | ", result.Errors.Select(error => error.Message));
        Assert.Contains($"'{value}'", message);
        AssertListsAll(message, accepted);
    }

    private static void AssertListsAll(string message, IEnumerable<string> accepted)
    {
        foreach (string name in accepted) Assert.Contains(name, message);
    }
}
