using MlNetResNet.Tests.Weights.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Files torch.save wrote with <c>pickle_protocol=4</c> and 5 (FRAME, MEMOIZE, STACK_GLOBAL, SHORT_BINUNICODE)
/// read back exactly: same keys in order, shapes, dtypes and values, views included.
/// </summary>
[Collection(ProtocolFixturesCollection.Name)]
public class ProtocolFourTests(ProtocolFixtures fixtures)
{
    [Theory]
    [InlineData("protocol4_zip.pth")]
    [InlineData("protocol4_legacy.pth")]
    [InlineData("protocol5_zip.pth")]
    [InlineData("protocol5_legacy.pth")]
    public void ProtocolFourAndFiveFilesFromPyTorchReadExactly(string name)
    {
        Assert.Superset(new HashSet<string> { "FRAME", "MEMOIZE", "STACK_GLOBAL", "SHORT_BINUNICODE" }, fixtures.Opcodes[name]);
        using var scope = NewDisposeScope();

        var read = PyTorchCheckpoint.Read(fixtures.File(name));

        Assert.Equal(fixtures.Shapes.Keys, read.Keys);
        foreach (var (key, shape) in fixtures.Shapes)
        {
            Assert.Equal(shape, read[key].shape);
            var values = read[key].to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            Assert.Equal(fixtures.Values(key), values);
        }
        Assert.Equal(ScalarType.Float16, read["half"].dtype);
        Assert.Equal(ScalarType.Int64, read["steps"].dtype);
        Assert.Equal(ScalarType.Bool, read["mask"].dtype);
        Assert.Equal(new long[] { 1, 6 }, read["transposed"].stride());
    }
}
