package ai.callcenter.tools.training;

import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.HeadSearch;
import ai.callcenter.transformer.head.MlpHead;
import ai.callcenter.transformer.head.Standardizer;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the {@link MlpHead} with DJL's PyTorch engine (Adam, softmax cross-entropy, dropout) and
 * copies the learned weights out, so inference needs no PyTorch.
 */
public final class MlpTrainer {

    private static final String ENGINE = "PyTorch";

    private final HeadProperties.MlpProperties properties;
    private final long seed;

    public MlpTrainer(HeadProperties.MlpProperties properties, long seed) {
        this.properties = properties;
        this.seed = seed;
    }

    public static HeadSearch.Candidate candidate(HeadProperties.MlpProperties properties, long seed) {
        MlpTrainer trainer = new MlpTrainer(properties, seed);
        return new HeadSearch.Candidate() {
            @Override
            public String describe() {
                return "mlp hidden=" + properties.hidden() + " epochs=" + properties.epochs();
            }

            @Override
            public Map<String, Object> params() {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("head", MlpHead.KIND);
                p.put("hidden", properties.hidden());
                p.put("epochs", properties.epochs());
                p.put("batch_size", properties.batchSize());
                p.put("learning_rate", properties.learningRate());
                p.put("dropout", properties.dropout());
                p.put("weight_decay", properties.weightDecay());
                return p;
            }

            @Override
            public ClassificationHead train(float[][] x, int[] y, int classes) {
                return trainer.train(x, y, classes);
            }
        };
    }

    public MlpHead train(float[][] embeddings, int[] y, int classes) {
        Standardizer standardizer = Standardizer.fit(embeddings);
        int n = embeddings.length;
        int dim = embeddings[0].length;
        float[] flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double[] row = standardizer.apply(embeddings[i]);
            for (int d = 0; d < dim; d++) {
                flat[i * dim + d] = (float) row[d];
            }
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y[i];
        }
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) seed);
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(properties.hidden()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate((float) properties.dropout()).build())
                .add(Linear.builder().setUnits(classes).build());
        try (Model model = Model.newInstance("mlp-head", ENGINE);
             NDManager manager = engine.newBaseManager(Device.cpu())) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) properties.learningRate()))
                            .optWeightDecays((float) properties.weightDecay())
                            .build())
                    .optDevices(new Device[] {Device.cpu()});
            ArrayDataset dataset = new ArrayDataset.Builder()
                    .setData(manager.create(flat, new Shape(n, dim)))
                    .optLabels(manager.create(labels, new Shape(n)))
                    .setSampling(properties.batchSize(), true)
                    .build();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(properties.batchSize(), dim));
                for (int epoch = 0; epoch < properties.epochs(); epoch++) {
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TranslateException e) {
                throw new IllegalStateException("MLP training failed: " + e.getMessage(), e);
            }
            Block hiddenLayer = net.getChildren().get(0).getValue();
            Block outputLayer = net.getChildren().get(3).getValue();
            return new MlpHead(standardizer,
                    matrix(hiddenLayer.getParameters().get("weight").getArray()),
                    hiddenLayer.getParameters().get("bias").getArray().toFloatArray(),
                    matrix(outputLayer.getParameters().get("weight").getArray()),
                    outputLayer.getParameters().get("bias").getArray().toFloatArray());
        }
    }

    /** [out, in] tensor to rows. */
    private static float[][] matrix(NDArray weight) {
        int rows = (int) weight.getShape().get(0);
        int cols = (int) weight.getShape().get(1);
        float[] data = weight.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
