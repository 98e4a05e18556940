using MlNetResNet.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.TrainOn;

/// <summary>The head fit that gives a saved model's new classes their rows: only those rows move.</summary>
public sealed class NewClassRowTests
{
    [Fact]
    public void OnlyTheNamedRowsTrainAndTheSavedRowsKeepTheirExactValues()
    {
        // Three separable classes in 4-d features; rows 0 and 1 are "saved", row 2 is the new class.
        var random = new Random(3);
        var values = new List<float>();
        var labels = new List<int>();
        for (int i = 0; i < 90; i++)
        {
            int label = i % 3;
            for (int d = 0; d < 4; d++) values.Add((d == label ? 2f : 0f) + (float)(random.NextDouble() * 0.5));
            labels.Add(label);
        }
        var features = new FeatureSet(values.ToArray(), labels.ToArray(), 4);
        torch.manual_seed(1);
        using var head = nn.Linear(4, 3);
        var savedWeight = head.weight!.detach().clone();
        var savedBias = head.bias!.detach().clone();

        HeadTraining.Train(head, features, new FeatureSet([], [], 4), new HeadSettings(1e-2, 16, 200, 10, 0, 1), CPU,
            () => false, CancellationToken.None, trainableRows: [2]);

        using var scope = NewDisposeScope();
        Assert.True(head.weight!.narrow(0, 0, 2).eq(savedWeight.narrow(0, 0, 2)).all().item<bool>(), "a saved weight row moved");
        Assert.True(head.bias!.narrow(0, 0, 2).eq(savedBias.narrow(0, 0, 2)).all().item<bool>(), "a saved bias moved");
        Assert.False(head.weight!.narrow(0, 2, 1).eq(savedWeight.narrow(0, 2, 1)).all().item<bool>(), "the new row did not train");
        var logits = head.forward(tensor(features.Values, new long[] { features.Rows, 4 }));
        var predicted = logits.argmax(1).data<long>().ToArray();
        int newClassRight = Enumerable.Range(0, features.Rows).Count(i => labels[i] == 2 && predicted[i] == 2);
        Assert.True(newClassRight >= 25, $"the new class is predicted for {newClassRight} of its 30 rows");
        savedWeight.Dispose();
        savedBias.Dispose();
    }
}
