using MlNetResNet.Fitting;

namespace MlNetResNet.Tests.MlNet;

public class StratifiedHoldOutTests
{
    public static TheoryData<int[], double> Cases => new()
    {
        { [40, 40, 40], 0.1 },
        { [2, 3, 100], 0.2 },
        { [1, 5], 0.5 },
        { [7, 9, 11, 13], 0.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryClassSendsItsShareToValidationAndKeepsTrainingRows(int[] classSizes, double fraction)
    {
        var labels = classSizes.SelectMany((size, label) => Enumerable.Repeat(label, size)).ToArray();
        new Random(5).Shuffle(labels);

        var (train, validation) = StratifiedHoldOut.Split(labels, fraction, seed: 3);

        Assert.Equal(Enumerable.Range(0, labels.Length), train.Concat(validation).Order());
        for (int label = 0; label < classSizes.Length; label++)
        {
            int held = validation.Count(i => labels[i] == label);
            int size = classSizes[label];
            if (fraction == 0 || size == 1)
                Assert.Equal(0, held);
            else
                Assert.InRange(held, Math.Max(1, (int)Math.Floor(size * fraction)), Math.Min(size - 1, (int)Math.Ceiling(size * fraction) + 1));
            Assert.True(size - held >= 1, $"class {label} kept no training row");
        }
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 4).ToArray();

        Assert.Equal(StratifiedHoldOut.Split(labels, 0.25, 11).Validation, StratifiedHoldOut.Split(labels, 0.25, 11).Validation);
        Assert.NotEqual(StratifiedHoldOut.Split(labels, 0.25, 11).Validation, StratifiedHoldOut.Split(labels, 0.25, 12).Validation);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void FractionOutsideZeroToOneIsRejected(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedHoldOut.Split([0, 1, 0, 1], fraction, 1));
}
