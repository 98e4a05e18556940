using MlNetResNet.Training.Batching;
using MlNetResNet;

namespace MlNetResNet.Tests.Imaging;

public class ImageBatchTests
{
    [Fact]
    public void WritesLandInTheTensorWithoutACopy()
    {
        using var batch = new ImageBatch(capacity: 3, imageSize: 2, pinMemory: false);
        var second = batch.ImageAt(1);
        for (int i = 0; i < second.Length; i++) second[i] = i + 0.5f;
        batch.SetLabel(1, 7);
        batch.Move(from: 1, to: 0);

        float[] values = batch.Images.data<float>().ToArray();
        Assert.Equal(new long[] { 3, 3, 2, 2 }, batch.Images.shape);
        Assert.Equal(0.5f, values[0]);
        Assert.Equal(11.5f, values[11]);
        Assert.Equal(0.5f, values[12]);
        Assert.Equal(7L, batch.Labels.data<long>()[0]);
    }
}
